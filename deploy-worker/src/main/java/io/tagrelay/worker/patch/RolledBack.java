package io.tagrelay.worker.patch;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The image of a container whose rollout failed and was rolled back, kept on the
 * Deployment as the annotation {@code <container>.tagrelay.io/rolled-back} and written by
 * the rollback's own patch. A later push of the same tag is not applied again: the
 * failure stays "pinned" until a newer tag is pushed or someone asks for the image by
 * name ({@code POST /deployment}).
 */
public final class RolledBack {

	static final String IMAGE = "tagrelay.io/rolled-back";

	private RolledBack() {
	}

	/**
	 * The image a container was rolled back from.
	 * @param deployment the Deployment as read
	 * @param container the container
	 * @return the image whose rollout failed, if any
	 */
	public static Optional<String> of(Deployment deployment, String container) {
		Map<String, String> annotations = deployment.getMetadata().getAnnotations();
		return Optional.ofNullable((annotations != null) ? annotations.get(key(container)) : null);
	}

	static String key(String container) {
		return ChangeMark.key(container, IMAGE);
	}

}
