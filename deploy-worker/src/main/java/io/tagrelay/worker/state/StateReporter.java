package io.tagrelay.worker.state;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.tagrelay.model.KubernetesNames;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Target;
import io.tagrelay.worker.deploy.ContainerLocator;
import io.tagrelay.worker.deploy.ManagedContainer;
import io.tagrelay.worker.publish.ResultsPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Publishes the current image of every container a target manages as a
 * {@link TargetState}, from a Deployment as the worker saw it (its watch, the answer to
 * its patch, its last rollout check); a missing Deployment or container is published with
 * no image. What it publishes only moves forward: a state equal to the last one published
 * for the container is not sent again, nor one from a Deployment older (by
 * {@code resourceVersion}) than the one the last state came from.
 * <p>
 * A state is sent without waiting for Kafka: the watches of hundreds of Deployments and
 * the updates under way report at once, and each waiting for its acknowledgement in turn
 * made them all wait on one another (bench/RESULTS.md, issue 17). The states of one
 * container are sent in the order they were decided; one that Kafka refuses is forgotten,
 * so that the watch's next resync, or the next change, sends it again.
 */
@Component
public class StateReporter {

	private static final Log logger = LogFactory.getLog(StateReporter.class);

	private final ResultsPublisher publisher;

	private final Clock clock;

	private final Map<String, Published> published = new ConcurrentHashMap<>();

	// the states of one container are decided and sent one at a time, those of different
	// containers (most likely under different locks) at once
	private final Object[] locks = IntStream.range(0, 64).mapToObj((i) -> new Object()).toArray();

	StateReporter(ResultsPublisher publisher, Clock clock) {
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Publishes the state of a target's containers.
	 * @param target the target
	 * @param deployment its Deployment as seen, or {@code null} if there is none
	 */
	public void report(Target target, Deployment deployment) {
		List<ManagedContainer> containers = (deployment != null) ? ContainerLocator.managed(deployment, target)
				: List.of();
		long version = (deployment != null) ? resourceVersion(deployment) : -1;
		if (containers.isEmpty()) {
			publish(missing(target, containerName(target)), version);
		}
		containers.forEach((container) -> publish(state(target, deployment, container), version));
	}

	private void publish(TargetState state, long version) {
		String key = state.target().key();
		synchronized (this.locks[Math.floorMod(key.hashCode(), this.locks.length)]) {
			Published last = this.published.get(key);
			if (last != null
					&& (last.state().equals(withoutTime(state)) || (version >= 0 && version < last.version()))) {
				return;
			}
			Published next = new Published(withoutTime(state), Math.max(version, -1));
			this.published.put(key, next);
			try {
				this.publisher.send(state).whenComplete((sent, failure) -> {
					if (failure != null) {
						forget(key, next, failure);
					}
				});
			}
			catch (RuntimeException ex) {
				forget(key, next, ex);
			}
		}
	}

	private void forget(String key, Published state, Throwable failure) {
		if (this.published.remove(key, state)) {
			logger.warn("Could not publish the state of " + key
					+ ", sending it again at its next change or the watch's next resync: " + failure.getMessage());
		}
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

	private static TargetState withoutTime(TargetState state) {
		return new TargetState(state.target(), state.repository(), state.image(), state.replicas(),
				state.availableReplicas(), state.updatedReplicas(), Instant.EPOCH);
	}

	// the API server's resourceVersion is opaque, but a number on every server in use (an
	// etcd revision); one that is not counts as unordered
	private static long resourceVersion(Deployment deployment) {
		try {
			return Long.parseLong(deployment.getMetadata().getResourceVersion());
		}
		catch (NumberFormatException | NullPointerException ex) {
			return -1;
		}
	}

	/**
	 * The container name to report on when none can be read: the configured one, else the
	 * Deployment's name (the usual single-container layout), else {@code app}.
	 * @param target the target
	 * @return a valid container name
	 */
	public static String containerName(Target target) {
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

	private record Published(TargetState state, long version) {
	}

}
