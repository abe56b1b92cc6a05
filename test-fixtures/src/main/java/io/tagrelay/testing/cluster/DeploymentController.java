package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tagrelay.testing.cluster.ReplicaSets.Owned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the Deployment controller (and the ReplicaSet controller and the kubelets) the
 * mock API server lacks, reconciling as the real one does ({@link DeploymentSync}).
 * <p>
 * <b>What it simulates.</b> Each pass lists every Deployment and syncs each:
 * <ul>
 * <li>a generation is observed only once the {@linkplain #observationLag observation lag}
 * has passed since the controller first listed it; until then the Deployment's status
 * (its observedGeneration and conditions, a stale {@code ProgressDeadlineExceeded} of an
 * earlier rollout too) and its ReplicaSets' specs stay as they were;</li>
 * <li>one ReplicaSet per pod template, named, labelled, owned and annotated as the real
 * controller does (revision, revision-history on a rollback, desired-replicas,
 * max-replicas), old ones beyond {@code revisionHistoryLimit} deleted once a rollout is
 * complete;</li>
 * <li>the rolling update in the real controller's steps (scale the new ReplicaSet up
 * within maxSurge, clean up unhealthy old replicas, scale old ones down within
 * maxUnavailable; 25%/25% by default, surge rounded up, unavailable down), or
 * {@code Recreate};</li>
 * <li>a change of {@code spec.replicas} (an HPA, {@link SimulatedCluster#scale}) as a
 * scaling event, proportional across the ReplicaSets during a rollout;</li>
 * <li>{@code spec.paused}: observed, but no rollout of a new template
 * ({@code DeploymentPaused}, then {@code DeploymentResumed});</li>
 * <li>{@code progressDeadlineSeconds} (600 by default) and {@code minReadySeconds},
 * counted in {@linkplain #specSeconds seconds of the spec};</li>
 * <li>the status as {@code calculateStatus} and {@code syncRolloutStatus} compute it,
 * with the real reasons, messages and timestamps of the {@code Progressing} and
 * {@code Available} conditions, zero counts omitted as the API server omits them.</li>
 * </ul>
 * Pods live in memory only, per ReplicaSet: created the moment a ReplicaSet is scaled up
 * and gone the moment it is scaled down; each becomes ready as its {@link PodFate} says
 * ({@link #pods}, {@link #podsOfImage}; by default after the pod start time the cluster
 * was started with), and never while rollouts are {@linkplain #hold() held}.
 * <p>
 * <b>What it does not simulate.</b> No Pod objects, no scheduler, nodes, quotas, probes
 * or restarts (a ready pod stays ready); no pod termination time; no
 * {@code ReplicaFailure} condition; no hash collisions ({@code collisionCount}); no
 * copying of the Deployment's annotations to its ReplicaSets; no adoption or orphaning
 * (it never lists ReplicaSets: its model in memory is the truth, and a ReplicaSet changed
 * or deleted by someone else is not noticed); no selector validation. It writes the
 * Deployment's own {@code deployment.kubernetes.io/revision} annotation only if asked to
 * ({@link #writeRevisionAnnotation}): the real controller writes it through the status,
 * which the mock ignores outside {@code status}, and a patch of the Deployment's own path
 * would count among (and take) the requests and faults tests count there.
 * <p>
 * <b>Its load on the API server.</b> A pass is one list of the Deployments; it writes a
 * ReplicaSet (create, merge patch of replicas and annotations, status) or a Deployment's
 * status only when what it shows changes, and it never reads or writes a Deployment's own
 * path (where tests inject faults).
 */
public final class DeploymentController implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DeploymentController.class);

	private final KubernetesClient client;

	private final Duration podStartTime;

	private final long period;

	private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

	private final Map<String, PodFate> deploymentFates = new ConcurrentHashMap<>();

	private final Map<String, PodFate> imageFates = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "simulated-deployment-controller");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean held;

	private volatile Duration lag = Duration.ZERO;

	private volatile Duration second = Duration.ofSeconds(1);

	private volatile boolean revisionAnnotation;

	DeploymentController(KubernetesClient client, Duration podStartTime) {
		this.client = client;
		this.podStartTime = podStartTime;
		this.period = podStartTime.isZero() ? 10 : Math.max(10, Math.min(50, podStartTime.toMillis() / 4));
	}

	void start() {
		this.scheduler.scheduleWithFixedDelay(this::reconcileAll, 0, this.period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Sets the fate of a Deployment's rollouts, from its next reconcile on:
	 * {@link RolloutFate#STALLS} is {@link PodFate#crashLoop()} for its pods,
	 * {@link RolloutFate#COMPLETES} {@link PodFate#ready()}.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param fate what becomes of them
	 */
	public void fate(String namespace, String name, RolloutFate fate) {
		pods(namespace, name, (fate == RolloutFate.STALLS) ? PodFate.crashLoop() : PodFate.ready());
	}

	/**
	 * Sets the fate of a Deployment's pods that are not ready yet, from the next pass on
	 * (unless the fate of their image says otherwise).
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param fate what becomes of them
	 */
	public void pods(String namespace, String name, PodFate fate) {
		this.deploymentFates.put(namespace + "/" + name, Objects.requireNonNull(fate, "fate"));
	}

	/**
	 * Sets the fate of the pods that are not ready yet of every pod template with a
	 * container of an image, in any Deployment, from the next pass on: it comes before
	 * the fate of a Deployment's pods.
	 * @param image the image, e.g. {@code quay.io/acme/web:1.1.0}
	 * @param fate what becomes of them
	 */
	public void podsOfImage(String image, PodFate fate) {
		this.imageFates.put(image, Objects.requireNonNull(fate, "fate"));
	}

	/**
	 * How long after the controller first lists a new generation of a Deployment it
	 * observes it (a busy controller's queue, a stale informer cache): until then it
	 * leaves the Deployment's status and its ReplicaSets' specs as they were.
	 * @param lag the lag, {@link Duration#ZERO} (the default) for none
	 */
	public void observationLag(Duration lag) {
		this.lag = Objects.requireNonNull(lag, "lag");
	}

	/**
	 * How long one second of a Deployment's spec lasts: {@code progressDeadlineSeconds}
	 * and {@code minReadySeconds} count in it, so that a test can have a deadline of 2
	 * "seconds" pass in 200 ms.
	 * @param second how long a second of the spec lasts, 1 s by default
	 */
	public void specSeconds(Duration second) {
		if (second.isNegative() || second.isZero()) {
			throw new IllegalArgumentException("a second of the spec must last: " + second);
		}
		this.second = second;
	}

	/**
	 * Whether the controller copies the new ReplicaSet's revision to the Deployment's
	 * {@code deployment.kubernetes.io/revision} annotation, as the real one does: with a
	 * JSON merge patch of that annotation only, on the Deployment's own path (counted
	 * there, and served the faults injected there). Off by default.
	 * @param write whether to write it
	 */
	public void writeRevisionAnnotation(boolean write) {
		this.revisionAnnotation = write;
	}

	/**
	 * Holds every rollout: the controller goes on observing and scaling, but no pod
	 * becomes ready until {@link #release()}, as in a slow rollout.
	 */
	public void hold() {
		this.held = true;
	}

	/**
	 * Lets pods become ready again: held rollouts (and later ones) go on.
	 */
	public void release() {
		this.held = false;
		this.scheduler.execute(this::reconcileAll);
	}

	private void reconcileAll() {
		List<Deployment> deployments;
		try {
			deployments = this.client.apps().deployments().inAnyNamespace().list().getItems();
		}
		catch (RuntimeException ex) {
			// the server is closing, or a fault: the next pass sees it
			logger.debug("simulated controller could not list the Deployments", ex);
			return;
		}
		Set<String> listed = new HashSet<>();
		for (Deployment deployment : deployments) {
			listed.add(key(deployment));
			try {
				reconcile(deployment);
			}
			catch (RuntimeException ex) {
				// a concurrent change, or the server is closing: the next pass sees it
				logger.debug("simulated controller could not reconcile {}", key(deployment), ex);
			}
		}
		this.tracked.keySet().removeIf((key) -> {
			if (listed.contains(key)) {
				return false;
			}
			// the garbage collector deletes what a deleted Deployment owned
			this.tracked.get(key).replicaSets.deleteAll();
			return true;
		});
	}

	private void reconcile(Deployment deployment) {
		String key = key(deployment);
		Tracked known = this.tracked.get(key);
		if (known == null || !Objects.equals(known.replicaSets.uid(), deployment.getMetadata().getUid())) {
			if (known != null) {
				known.replicaSets.deleteAll();
			}
			known = new Tracked(new ReplicaSets(this.client, deployment));
			this.tracked.put(key, known);
		}
		Tracked state = known;
		long now = System.nanoTime();
		long secondNanos = this.second.toNanos();
		state.replicaSets.refresh(now, (rs) -> fateOf(key, rs), this.podStartTime, this.held,
				DeploymentSync.minReadyNanos(deployment, secondNanos));
		long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
		if (generation > state.observed) {
			if (state.sighted != generation) {
				state.sighted = generation;
				state.sightedNanos = now;
			}
			if (now - state.sightedNanos < this.lag.toNanos()) {
				// not observed yet; the ReplicaSet controller reports its pods all the
				// same
				state.replicaSets.write(deployment);
				return;
			}
		}
		DeploymentSync sync = new DeploymentSync(deployment, state.replicaSets, now, Instant.now(), this.second,
				state.progress);
		DeploymentStatus status = sync.sync();
		state.observed = generation;
		state.replicaSets.write(deployment);
		if (!status.equals(deployment.getStatus())) {
			Deployment written = new DeploymentBuilder(deployment).withStatus(status).build();
			this.client.apps().deployments().resource(written).updateStatus();
			sync.written(status);
			logProgress(key, deployment.getStatus(), status);
		}
		writeRevision(deployment, sync.revision());
	}

	private void writeRevision(Deployment deployment, long revision) {
		if (!this.revisionAnnotation || revision == 0) {
			return;
		}
		Map<String, String> annotations = deployment.getMetadata().getAnnotations();
		String value = Long.toString(revision);
		if (annotations != null && value.equals(annotations.get(ReplicaSets.REVISION))) {
			return;
		}
		this.client.apps()
			.deployments()
			.inNamespace(deployment.getMetadata().getNamespace())
			.withName(deployment.getMetadata().getName())
			.patch(PatchContext.of(PatchType.JSON_MERGE),
					"{\"metadata\":{\"annotations\":{\"" + ReplicaSets.REVISION + "\":\"" + value + "\"}}}");
	}

	private PodFate fateOf(String key, Owned rs) {
		PodSpec spec = rs.template.getSpec();
		if (spec != null && !this.imageFates.isEmpty()) {
			for (Container container : Objects.requireNonNullElse(spec.getContainers(), List.<Container>of())) {
				PodFate fate = this.imageFates.get(Objects.toString(container.getImage(), ""));
				if (fate != null) {
					return fate;
				}
			}
		}
		return this.deploymentFates.getOrDefault(key, PodFate.ready());
	}

	private static void logProgress(String key, DeploymentStatus before, DeploymentStatus after) {
		DeploymentCondition was = (before != null) ? DeploymentSync.condition(before, DeploymentSync.PROGRESSING)
				: null;
		DeploymentCondition is = DeploymentSync.condition(after, DeploymentSync.PROGRESSING);
		if (is == null || (was != null && Objects.equals(was.getReason(), is.getReason()))) {
			return;
		}
		if (DeploymentSync.NEW_RS_AVAILABLE.equals(is.getReason()) || DeploymentSync.TIMED_OUT.equals(is.getReason())) {
			logger.info("[simulated cluster] {} generation {}: {} ({})", key, after.getObservedGeneration(),
					is.getReason(), is.getMessage());
		}
		else {
			logger.debug("[simulated cluster] {} generation {}: {} ({})", key, after.getObservedGeneration(),
					is.getReason(), is.getMessage());
		}
	}

	private static String key(Deployment deployment) {
		return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
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
			.withConditions(
					condition(DeploymentSync.AVAILABLE, DeploymentSync.MIN_AVAILABLE,
							"Deployment has minimum availability."),
					condition(DeploymentSync.PROGRESSING, DeploymentSync.NEW_RS_AVAILABLE,
							"Every rollout has successfully progressed."))
			.build();
	}

	private static DeploymentCondition condition(String type, String reason, String message) {
		return new DeploymentConditionBuilder().withType(type)
			.withStatus("True")
			.withReason(reason)
			.withMessage(message)
			.build();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	/**
	 * What the controller keeps of a Deployment between passes.
	 */
	private static final class Tracked {

		final ReplicaSets replicaSets;

		final DeploymentSync.Progress progress = new DeploymentSync.Progress();

		/** The generation last observed. */
		long observed;

		/** The newest generation listed, and when it was first. */
		long sighted;

		long sightedNanos;

		Tracked(ReplicaSets replicaSets) {
			this.replicaSets = replicaSets;
		}

	}

}
