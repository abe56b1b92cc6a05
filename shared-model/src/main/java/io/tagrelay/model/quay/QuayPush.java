package io.tagrelay.model.quay;

import java.util.List;

/**
 * The part of a Quay {@code repo_push} notification tagrelay uses.
 *
 * @param repository the canonical repository from {@code docker_url}
 * @param tags the tags from {@code updated_tags}, in the order Quay sent them
 */
public record QuayPush(String repository, List<String> tags) {

	public QuayPush {
		tags = List.copyOf(tags);
	}

}
