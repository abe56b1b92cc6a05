package io.tagrelay.model.source;

import io.tagrelay.model.Printable;
import io.tagrelay.model.image.ImageReference;

/**
 * Reads Harbor's artifact push in either of its payload formats: Default
 * ({@code "type": "PUSH_ARTIFACT"}, the event in {@code event_data}; Harbor 1.x called it
 * {@code pushImage}) and CloudEvents ({@code "type": "harbor.artifact.pushed"}, the event
 * in {@code data}). A push by digest, whose tag Harbor fills with the digest, announces
 * nothing. The host comes from each resource's {@code resource_url}, the path from
 * {@code repository.repo_full_name}; every other event type (pulls, deletes, scans,
 * quotas) announces nothing.
 */
final class HarborParser implements SourceParser {

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		Field root = Field.root(body);
		String type = root.get("type").requiredText();
		boolean cloudEvent = !root.get("specversion").isAbsent();
		String pushType = cloudEvent ? "harbor.artifact.pushed" : "PUSH_ARTIFACT";
		if (!type.equals(pushType) && !(!cloudEvent && type.equals("pushImage"))) {
			return new Announcement.Nothing("Harbor's event '" + Printable.of(type) + "' is not an artifact push");
		}
		Field event = root.get(cloudEvent ? "data" : "event_data");
		String path = event.get("repository").get("repo_full_name").requiredText();
		TaggedPushes pushes = new TaggedPushes();
		for (Field resource : event.get("resources").elements()) {
			String tag = resource.get("tag").text();
			String digest = resource.get("digest").text();
			// a push by digest: Harbor repeats the digest where the tag would be
			if (tag != null && !tag.isEmpty() && !tag.equals(digest)) {
				pushes.add(repository(resource.get("resource_url"), path), tag, digest);
			}
		}
		return pushes.announcement("Harbor pushed an artifact without a tag");
	}

	private static String repository(Field resourceUrl, String path) {
		String url = Hosts.requireHostIn(resourceUrl.requiredText(), resourceUrl.path());
		return ImageReference.parse(url).registry() + "/" + path;
	}

}
