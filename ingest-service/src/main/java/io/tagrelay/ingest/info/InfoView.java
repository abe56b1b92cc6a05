package io.tagrelay.ingest.info;

import java.time.Instant;
import java.util.List;

import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Target;

/**
 * The body of {@code GET /info}: every configured target, with what the worker last
 * reported of each container it manages. A view of its own, so that the state topic's
 * record can change without changing what users read.
 *
 * @param targets the configured targets, in the order of the configuration
 */
record InfoView(List<TargetView> targets) {

	/**
	 * One configured target.
	 *
	 * @param repository the repository it follows
	 * @param namespace the Deployment's namespace
	 * @param deployment the Deployment
	 * @param container the container it names, or {@code null} for every container of the
	 * repository
	 * @param containers what the worker reported of each managed container
	 */
	record TargetView(String repository, String namespace, String deployment, String container,
			List<ContainerView> containers) {

		static TargetView of(Target target, List<TargetState> states) {
			return new TargetView(target.repository(), target.namespace(), target.deployment(), target.container(),
					states.stream().map(ContainerView::of).toList());
		}

	}

	/**
	 * What the worker last reported of one container.
	 *
	 * @param target where the container is
	 * @param repository the repository its target follows
	 * @param image its image, or {@code null} if the Deployment or container is missing
	 * @param replicas desired replicas
	 * @param availableReplicas available replicas
	 * @param updatedReplicas replicas on the current spec
	 * @param observedAt when the worker read it
	 */
	record ContainerView(ContainerRef target, String repository, String image, int replicas, int availableReplicas,
			int updatedReplicas, Instant observedAt) {

		static ContainerView of(TargetState state) {
			ContainerRef where = new ContainerRef(state.target().namespace(), state.target().deployment(),
					state.target().container());
			return new ContainerView(where, state.repository(), state.image(), state.replicas(),
					state.availableReplicas(), state.updatedReplicas(), state.observedAt());
		}

	}

	/**
	 * Where a container is.
	 *
	 * @param namespace the namespace
	 * @param deployment the Deployment
	 * @param container the container
	 */
	record ContainerRef(String namespace, String deployment, String container) {
	}

}
