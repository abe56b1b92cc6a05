package io.tagrelay.model.source;

import java.util.List;

import io.tagrelay.model.Printable;

/**
 * Reads Azure Container Registry's webhook: a {@code push} names
 * {@code request.host/target.repository}, {@code target.tag} and {@code target.digest}; a
 * push by digest, a {@code ping} and every other action (deletes, chart pushes,
 * quarantines) announce nothing.
 */
final class AcrParser implements SourceParser {

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		Field root = Field.root(body);
		String action = root.get("action").requiredText();
		if (action.equals("ping")) {
			return new Announcement.Nothing("Azure Container Registry's ping");
		}
		if (!action.equals("push")) {
			return new Announcement.Nothing(
					"Azure Container Registry's action '" + Printable.of(action) + "' is not an image push");
		}
		Field target = root.get("target");
		String tag = target.get("tag").text();
		if (tag == null || tag.isEmpty()) {
			return new Announcement.Nothing("Azure Container Registry announced a push by digest, without a tag");
		}
		Field host = root.get("request").get("host");
		String repository = Hosts.repository(host.requiredText(), target.get("repository").requiredText(), host.path());
		return new Announcement.Pushes(List.of(new Pushed(repository, List.of(tag), target.get("digest").text())));
	}

}
