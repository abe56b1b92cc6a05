package io.tagrelay.model.source;

import java.util.List;

import io.tagrelay.model.InvalidInputException;

/**
 * Reads the form any CI can send: {@code {"repository": "quay.io/acme/web", "tags":
 * ["1.2.3"], "digest": "sha256:..."}}, the digest optional, the repository as a pod spec
 * names it ({@code nginx} is {@code docker.io/library/nginx}).
 */
final class GenericParser implements SourceParser {

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		Field root = Field.root(body);
		String repository = root.get("repository").requiredText();
		String digest = root.get("digest").text();
		List<Field> tags = root.get("tags").elements();
		if (tags.isEmpty()) {
			throw new InvalidInputException("tags is missing or empty");
		}
		TaggedPushes pushes = new TaggedPushes();
		for (Field tag : tags) {
			pushes.add(repository, tag.requiredText(), digest);
		}
		return pushes.announcement("no tags");
	}

}
