package io.tagrelay.worker.deploy;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.tagrelay.model.KubernetesNames;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Target;
import io.tagrelay.worker.publish.ResultsPublisher;

import org.springframework.stereotype.Component;

/**
 * Publishes the current image of every container a target manages as a
 * {@link TargetState}; a missing Deployment or container is published with no image.
 */
@Component
class StateReporter {

	private final DeploymentReader reader;

	private final ResultsPublisher publisher;

	private final Clock clock;

	StateReporter(DeploymentReader reader, ResultsPublisher publisher, Clock clock) {
		this.reader = reader;
		this.publisher = publisher;
		this.clock = clock;
	}

	void report(Target target) {
		Optional<Deployment> deployment = this.reader.read(target.namespace(), target.deployment());
		List<ManagedContainer> containers = deployment.map((d) -> ContainerLocator.managed(d, target))
			.orElse(List.of());
		if (containers.isEmpty()) {
			this.publisher.publish(missing(target, containerName(target)));
		}
		containers.forEach((container) -> this.publisher.publish(state(target, deployment.get(), container)));
	}

	private TargetState state(Target target, Deployment deployment, ManagedContainer container) {
		DeploymentStatus status = Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
		int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
		return new TargetState(ref(target, container.name()), target.repository(), container.image(), replicas,
				orZero(status.getAvailableReplicas()), orZero(status.getUpdatedReplicas()), this.clock.instant());
	}

	private TargetState missing(Target target, String container) {
		return new TargetState(ref(target, container), target.repository(), null, 0, 0, 0, this.clock.instant());
	}

	/**
	 * The container name to report on when none can be read: the configured one, else the
	 * Deployment's name (the usual single-container layout), else {@code app}.
	 * @param target the target
	 * @return a valid container name
	 */
	static String containerName(Target target) {
		if (target.container() != null) {
			return target.container();
		}
		return KubernetesNames.isLabel(target.deployment()) ? target.deployment() : "app";
	}

	private static TargetRef ref(Target target, String container) {
		return new TargetRef(target.namespace(), target.deployment(), container);
	}

	private static int orZero(Integer value) {
		return (value != null) ? value : 0;
	}

}
