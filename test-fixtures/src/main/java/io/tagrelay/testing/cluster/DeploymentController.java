package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the Deployment controller the mock API server lacks. A reconcile pass lists every
 * Deployment (its only read: it never reads or patches a Deployment's own path, where
 * tests inject faults) and gives each the status it should have now, computed in one
 * place ({@link #statusOf}) from the rollout of its generation and the fate the test set
 * for it; it writes the status only when that changes. A rollout starts when the
 * controller first sees a generation; with the fate {@link RolloutFate#COMPLETES} it
 * completes once the rollout time has passed, unless rollouts are held.
 */
public final class DeploymentController implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DeploymentController.class);

	private final KubernetesClient client;

	private final Duration rolloutTime;

	private final long period;

	private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();

	private final Map<String, RolloutFate> fates = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "simulated-deployment-controller");
		thread.setDaemon(true);
		return thread;
	});

	private final ReplicaSets replicaSets;

	private volatile boolean held;

	DeploymentController(KubernetesClient client, Duration rolloutTime) {
		this.client = client;
		this.replicaSets = new ReplicaSets(client);
		this.rolloutTime = rolloutTime;
		this.period = rolloutTime.isZero() ? 10 : Math.max(10, Math.min(50, rolloutTime.toMillis() / 4));
	}

	void start() {
		this.scheduler.scheduleWithFixedDelay(this::reconcileAll, 0, this.period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Sets the fate of a Deployment's rollouts, from its next reconcile on.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param fate what becomes of them
	 */
	public void fate(String namespace, String name, RolloutFate fate) {
		this.fates.put(namespace + "/" + name, fate);
	}

	/**
	 * Holds every rollout: a changed Deployment is observed but not reported complete
	 * until {@link #release()}, as a slow rollout would be.
	 */
	public void hold() {
		this.held = true;
	}

	/**
	 * Lets held rollouts (and later ones) complete.
	 */
	public void release() {
		this.held = false;
		this.scheduler.execute(this::reconcileAll);
	}

	private void reconcileAll() {
		try {
			this.client.apps().deployments().inAnyNamespace().list().getItems().forEach(this::reconcile);
		}
		catch (RuntimeException ex) {
			// a concurrent change, or the server is closing: the next pass sees it
			logger.debug("simulated controller could not reconcile", ex);
		}
	}

	private void reconcile(Deployment deployment) {
		String key = deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
		long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
		Rollout known = this.rollouts.get(key);
		Rollout rollout = (known != null && known.generation() == generation) ? known
				: new Rollout(generation, System.nanoTime(), false);
		boolean completes = this.fates.getOrDefault(key, RolloutFate.COMPLETES) == RolloutFate.COMPLETES && !this.held;
		if (!rollout.completed() && completes && rollout.due(this.rolloutTime)) {
			rollout = rollout.complete();
		}
		else if (rollout != known && completes) {
			// the pass that completes it, right when it is due
			this.scheduler.schedule(this::reconcileAll, rollout.remaining(this.rolloutTime), TimeUnit.NANOSECONDS);
		}
		this.rollouts.put(key, rollout);
		this.replicaSets.sync(deployment, rollout.completed());
		DeploymentStatus status = statusOf(deployment, rollout);
		if (!status.equals(deployment.getStatus())) {
			deployment.setStatus(status);
			this.client.apps().deployments().resource(deployment).updateStatus();
			if (rollout.completed()) {
				logger.info("[simulated cluster] rollout of {} finished: {} replica(s) of generation {} available", key,
						status.getReplicas(), generation);
			}
		}
	}

	/**
	 * The status a Deployment has during its rollout and after it.
	 * @param deployment the Deployment as listed
	 * @param rollout the rollout of its generation
	 * @return the status
	 */
	static DeploymentStatus statusOf(Deployment deployment, Rollout rollout) {
		int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
		if (rollout.completed()) {
			return completed(rollout.generation(), replicas);
		}
		// a rolling update's first step: one surge pod of the new template, not ready
		// yet,
		// next to the old pods, which serve (and count as available) until it is
		int surge = Math.min(1, replicas);
		return new DeploymentStatusBuilder().withObservedGeneration(rollout.generation())
			.withReplicas(replicas + surge)
			.withUpdatedReplicas(surge)
			.withAvailableReplicas(replicas)
			.withReadyReplicas(replicas)
			.withUnavailableReplicas(surge)
			.withConditions(condition("Progressing", "ReplicaSetUpdated"))
			.build();
	}

	/**
	 * The status of a completed rollout: every replica updated and available.
	 * @param observedGeneration the generation the controller has seen
	 * @param replicas the desired replicas
	 * @return the status
	 */
	static DeploymentStatus completed(long observedGeneration, int replicas) {
		return new DeploymentStatusBuilder().withObservedGeneration(observedGeneration)
			.withReplicas(replicas)
			.withUpdatedReplicas(replicas)
			.withAvailableReplicas(replicas)
			.withReadyReplicas(replicas)
			.withConditions(condition("Progressing", "NewReplicaSetAvailable"),
					condition("Available", "MinimumReplicasAvailable"))
			.build();
	}

	private static DeploymentCondition condition(String type, String reason) {
		return new DeploymentConditionBuilder().withType(type).withStatus("True").withReason(reason).build();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	/**
	 * The rollout of one generation of a Deployment.
	 *
	 * @param generation the generation
	 * @param startedNanos when the controller first saw it ({@link System#nanoTime()})
	 * @param completed whether it has completed
	 */
	record Rollout(long generation, long startedNanos, boolean completed) {

		boolean due(Duration rolloutTime) {
			return remaining(rolloutTime) <= 0;
		}

		long remaining(Duration rolloutTime) {
			return this.startedNanos + rolloutTime.toNanos() - System.nanoTime();
		}

		Rollout complete() {
			return new Rollout(this.generation, this.startedNanos, true);
		}

	}

}
