package io.tagrelay.model.source;

import io.tagrelay.model.InvalidInputException;

/**
 * Reads CNCF Distribution's notification envelope ({@code {"events": [...]}}, the same in
 * its {@code v1+json} and {@code v2+json} media types), which GitLab's registry sends
 * too. Only pushes that name a tag count, which are manifest pushes: blob pushes (never
 * tagged), pulls, mounts and deletes are ignored. Each repository,
 * {@code request.host/target.repository}, is announced once with its tags merged.
 */
final class DistributionParser implements SourceParser {

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		Field events = Field.root(body).get("events");
		if (events.isAbsent()) {
			throw new InvalidInputException("events is missing");
		}
		TaggedPushes pushes = new TaggedPushes();
		for (Field event : events.elements()) {
			Field target = event.get("target");
			String tag = target.get("tag").text();
			if ("push".equals(event.get("action").text()) && tag != null && !tag.isEmpty()) {
				Field host = event.get("request").get("host");
				String repository = Hosts.repository(host.requiredText(), target.get("repository").requiredText(),
						host.path());
				pushes.add(repository, tag, target.get("digest").text());
			}
		}
		return pushes.announcement("the registry announced no tagged manifest push");
	}

}
