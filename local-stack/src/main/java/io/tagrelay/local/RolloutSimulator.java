package io.tagrelay.local;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the Deployment controller for the sandbox API, which has none: a while after a
 * Deployment's spec changes (its generation moves past the observed one), every replica
 * is reported updated and available, as a healthy rollout would end. While held, changes
 * are observed but no rollout completes, until released.
 */
final class RolloutSimulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RolloutSimulator.class);

	private final KubernetesClient client;

	private final Duration rolloutTime;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "sandbox-rollout-controller");
		thread.setDaemon(true);
		return thread;
	});

	private final long period;

	private volatile boolean held;

	RolloutSimulator(KubernetesClient client, Duration rolloutTime) {
		this.client = client;
		this.rolloutTime = rolloutTime;
		this.period = Math.max(50, rolloutTime.toMillis() / 4);
	}

	void start() {
		this.scheduler.scheduleWithFixedDelay(this::reconcile, 0, this.period, TimeUnit.MILLISECONDS);
	}

	void hold() {
		this.held = true;
	}

	void release() {
		this.held = false;
	}

	private void reconcile() {
		try {
			List<Deployment> deployments = this.client.apps().deployments().inAnyNamespace().list().getItems();
			deployments.stream().filter(RolloutSimulator::needsRollout).forEach(this::scheduleCompletion);
		}
		catch (KubernetesClientException ex) {
			logger.debug("sandbox controller could not list Deployments", ex);
		}
	}

	private static boolean needsRollout(Deployment deployment) {
		DeploymentStatus status = Objects.requireNonNullElse(deployment.getStatus(), new DeploymentStatus());
		long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
		return status.getObservedGeneration() == null || status.getObservedGeneration() < generation;
	}

	private void scheduleCompletion(Deployment deployment) {
		long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
		markObserved(deployment, generation);
		this.scheduler.schedule(() -> complete(deployment, generation), this.rolloutTime.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void markObserved(Deployment deployment, long generation) {
		int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
		setStatus(deployment, generation,
				new DeploymentStatusBuilder().withObservedGeneration(generation)
					.withReplicas(replicas + 1)
					.withUpdatedReplicas(0)
					.withAvailableReplicas(replicas)
					.withReadyReplicas(replicas)
					.withConditions(condition("Progressing", "ReplicaSetUpdated"))
					.build());
	}

	private void complete(Deployment deployment, long generation) {
		if (this.held) {
			this.scheduler.schedule(() -> complete(deployment, generation), this.period, TimeUnit.MILLISECONDS);
			return;
		}
		int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
		boolean done = setStatus(deployment, generation,
				new DeploymentStatusBuilder().withObservedGeneration(generation)
					.withReplicas(replicas)
					.withUpdatedReplicas(replicas)
					.withAvailableReplicas(replicas)
					.withReadyReplicas(replicas)
					.withConditions(condition("Progressing", "NewReplicaSetAvailable"),
							condition("Available", "MinimumReplicasAvailable"))
					.build());
		if (done) {
			logger.info("[sandbox] rollout of {}/{} finished: {} replica(s) of generation {} available",
					deployment.getMetadata().getNamespace(), deployment.getMetadata().getName(), replicas, generation);
		}
	}

	/**
	 * Sets the status if the Deployment is still at the given generation (a newer change
	 * starts its own rollout).
	 */
	private boolean setStatus(Deployment deployment, long generation, DeploymentStatus status) {
		String namespace = deployment.getMetadata().getNamespace();
		String name = deployment.getMetadata().getName();
		try {
			Deployment current = this.client.apps().deployments().inNamespace(namespace).withName(name).get();
			if (current == null || !Objects.equals(current.getMetadata().getGeneration(), generation)) {
				return false;
			}
			current.setStatus(status);
			this.client.apps().deployments().inNamespace(namespace).resource(current).updateStatus();
			return true;
		}
		catch (KubernetesClientException ex) {
			logger.warn("sandbox controller could not update the status of {}/{}: {}", namespace, name,
					ex.getMessage());
			return false;
		}
	}

	private static DeploymentCondition condition(String type, String reason) {
		return new DeploymentConditionBuilder().withType(type).withStatus("True").withReason(reason).build();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
