package io.tagrelay.model.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The current image of one managed container, published by the worker on the compacted
 * state topic keyed by {@link TargetRef#key()}. The ingest answers its GET endpoints from
 * it.
 *
 * @param target the container
 * @param repository the repository the target follows
 * @param image the container's image, or {@code null} if the Deployment or container is
 * missing
 * @param replicas desired replicas
 * @param availableReplicas available replicas
 * @param updatedReplicas replicas on the current spec
 * @param observedAt when the worker read it
 */
public record TargetState(TargetRef target, String repository, String image, int replicas, int availableReplicas,
		int updatedReplicas, Instant observedAt) {

	public TargetState {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(repository, "repository");
		Objects.requireNonNull(observedAt, "observedAt");
	}

	/**
	 * Whether the Deployment and container exist.
	 * @return true if an image was read
	 */
	public boolean exists() {
		return this.image != null;
	}

}
