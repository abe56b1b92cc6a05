package io.tagrelay.model.source;

import java.util.Locale;

/**
 * The registries (and the generic CI form) whose notifications the ingest accepts, each
 * under {@code POST /webhooks/<id>} and configured under
 * {@code tagrelay.ingest.sources.<id>.*}.
 */
public enum Source {

	/** Quay's {@code repo_push}. */
	QUAY,

	/** Docker Hub's repository webhook. */
	DOCKERHUB,

	/** Harbor's {@code PUSH_ARTIFACT} (Default and CloudEvents formats). */
	HARBOR,

	/** GitHub's {@code package} event (GitHub Container Registry). */
	GITHUB,

	/** CNCF Distribution's (and GitLab's registry's) notification envelope. */
	DISTRIBUTION,

	/** Azure Container Registry's {@code push}. */
	ACR,

	/** Google Artifact Registry's notification, pushed by Pub/Sub. */
	ARTIFACT_REGISTRY,

	/** AWS ECR's "ECR Image Action", delivered by an EventBridge API destination. */
	ECR,

	/** Any CI: {@code {"repository": "...", "tags": ["..."]}}. */
	GENERIC;

	/**
	 * The source's id: its path segment, configuration key and the {@code source} of its
	 * events.
	 * @return e.g. {@code artifact-registry}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The source with an id.
	 * @param id e.g. {@code dockerhub}
	 * @return the source, or null if no source has that id
	 */
	public static Source ofId(String id) {
		for (Source source : values()) {
			if (source.id().equals(id)) {
				return source;
			}
		}
		return null;
	}

}
