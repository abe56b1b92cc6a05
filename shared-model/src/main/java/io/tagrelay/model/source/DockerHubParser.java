package io.tagrelay.model.source;

import java.util.List;

import io.tagrelay.model.image.ImageReference;

/**
 * Reads Docker Hub's repository webhook: the tag in {@code push_data.tag}, the repository
 * in {@code repository.repo_name}, always on Docker Hub ({@code nginx} is
 * {@code docker.io/library/nginx}).
 */
final class DockerHubParser implements SourceParser {

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		Field root = Field.root(body);
		String repoName = root.get("repository").get("repo_name").requiredText();
		String tag = root.get("push_data").get("tag").text();
		// the host is prefixed, never read from the name: "quay.io/x" is a Docker Hub
		// path
		String repository = ImageReference.DEFAULT_REGISTRY + "/" + repoName;
		if (tag == null || tag.isEmpty()) {
			return new Announcement.Nothing("Docker Hub announced a push without a tag");
		}
		return new Announcement.Pushes(List.of(new Pushed(repository, List.of(tag), null)));
	}

}
