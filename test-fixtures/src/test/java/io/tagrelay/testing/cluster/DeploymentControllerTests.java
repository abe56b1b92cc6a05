package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the simulated Deployment controller writes, behaviour by behaviour, as the real
 * controller would write it. Pods of the new image that never become ready freeze a
 * rollout at the step under test; seconds of the spec (progress deadlines) last 50 ms.
 * Timings leave room for a loaded machine: no state a test asserts lasts less than a
 * second, but for the frozen ones.
 */
class DeploymentControllerTests {

	private static final String OLD = "quay.io/acme/web:1.0.0";

	private static final String NEW = "quay.io/acme/web:1.1.0";

	private static final String FIX = "quay.io/acme/web:1.1.1";

	private SimulatedCluster cluster;

	private DeploymentController controller;

	@BeforeEach
	void start() {
		this.cluster = SimulatedCluster.start();
		this.controller = this.cluster.controller();
		this.controller.specSeconds(Duration.ofMillis(50));
	}

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void aNewDeploymentGetsItsFirstReplicaSetAndCompletes() {
		create(3, OLD, (spec) -> {
		});

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=1 replicas=3 updated=3 ready=3 available=3 unavailable=0");
			assertThat(conditions()).containsExactly(
					"Available=True MinimumReplicasAvailable: " + "Deployment has minimum availability.",
					"Progressing=True NewReplicaSetAvailable: ReplicaSet \"" + name(OLD)
							+ "\" has successfully progressed.");
		});
		ReplicaSet rs = replicaSet(OLD);
		assertThat(rs.getMetadata().getName()).matches("web-[bcdfghjklmnpqrstvwxz2456789]+");
		assertThat(rs.getMetadata().getLabels()).containsEntry("app", "web")
			.containsEntry("pod-template-hash", rs.getMetadata().getName().substring(4));
		assertThat(rs.getSpec().getSelector().getMatchLabels()).isEqualTo(rs.getMetadata().getLabels());
		assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1")
			.containsEntry("deployment.kubernetes.io/desired-replicas", "3")
			.containsEntry("deployment.kubernetes.io/max-replicas", "4");
		assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies((owner) -> {
			assertThat(owner.getUid()).isEqualTo(read().getMetadata().getUid());
			assertThat(owner.getController()).isTrue();
		});
		assertThat(rs.getStatus().getAvailableReplicas()).isEqualTo(3);
	}

	@Test
	void aRollingUpdateSurgesOneNewPodBesideTheOldOnesAndFinishesOnceTheNewPodsAreReady() {
		create(4, OLD, rollingUpdate(1, 0));
		awaitComplete(4);
		this.controller.podsOfImage(NEW, PodFate.crashLoop());

		this.cluster.setImage("demo", "web", "web", NEW);

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=2 replicas=5 updated=1 ready=4 available=4 unavailable=1");
			assertThat(conditions()).containsExactly(
					"Available=True MinimumReplicasAvailable: Deployment has minimum availability.",
					"Progressing=True ReplicaSetUpdated: ReplicaSet \"" + name(NEW) + "\" is progressing.");
		});
		assertThat(replicaSet(NEW).getSpec().getReplicas()).isOne();
		assertThat(replicaSet(OLD).getSpec().getReplicas()).isEqualTo(4);

		this.controller.podsOfImage(NEW, PodFate.ready());

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=2 replicas=4 updated=4 ready=4 available=4 unavailable=0");
			assertThat(progressing()).isEqualTo("Progressing=True NewReplicaSetAvailable: ReplicaSet \"" + name(NEW)
					+ "\" has successfully progressed.");
		});
		assertThat(replicaSet(OLD).getSpec().getReplicas()).isZero();
		assertThat(replicaSet(NEW).getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision",
				"2");
	}

	@Test
	void theDefaultFencepostsAre25PercentSurgeRoundedUpAnd25PercentUnavailableRoundedDown() {
		create(10, OLD, (spec) -> {
		});
		awaitComplete(10);
		this.controller.podsOfImage(NEW, PodFate.crashLoop());

		this.cluster.setImage("demo", "web", "web", NEW);

		// surge 3 (2.5 up), unavailable 2 (2.5 down): new 3, old 10 -> 8, new 5
		await().untilAsserted(() -> assertThat(counts())
			.isEqualTo("observed=2 replicas=13 updated=5 ready=8 available=8 unavailable=5"));
		assertThat(replicaSet(OLD).getSpec().getReplicas()).isEqualTo(8);
		assertThat(replicaSet(NEW).getSpec().getReplicas()).isEqualTo(5);
	}

	@Test
	void fencepostsThatBothResolveToZeroLetOnePodBeUnavailable() {
		create(4, OLD, rollingUpdate(0, "10%"));
		awaitComplete(4);
		this.controller.podsOfImage(NEW, PodFate.crashLoop());

		this.cluster.setImage("demo", "web", "web", NEW);

		// no surge, 10% of 4 is 0: one old pod goes, one new one comes
		await().untilAsserted(() -> assertThat(counts())
			.isEqualTo("observed=2 replicas=4 updated=1 ready=3 available=3 unavailable=1"));
		assertThat(available())
			.isEqualTo("Available=True MinimumReplicasAvailable: " + "Deployment has minimum availability.");
	}

	@Test
	void aRecreateRolloutScalesTheOldPodsDownBeforeItCreatesTheNewOnes() {
		create(3, OLD, (spec) -> spec.setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build()));
		awaitComplete(3);
		this.controller.podsOfImage(NEW, PodFate.crashLoop());

		this.cluster.setImage("demo", "web", "web", NEW);

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=2 replicas=3 updated=3 ready=0 available=0 unavailable=3");
			assertThat(available()).isEqualTo(
					"Available=False MinimumReplicasUnavailable: " + "Deployment does not have minimum availability.");
		});
		assertThat(replicaSet(OLD).getSpec().getReplicas()).isZero();
	}

	@ParameterizedTest
	@MethodSource("podsThatNeverGetReady")
	void podsThatNeverGetReadyExceedTheProgressDeadline(PodFate fate) {
		create(2, OLD, (spec) -> spec.setProgressDeadlineSeconds(20));
		awaitComplete(2);
		this.controller.podsOfImage(NEW, fate);

		this.cluster.setImage("demo", "web", "web", NEW);

		await().untilAsserted(() -> assertThat(progressing())
			.isEqualTo("Progressing=True ReplicaSetUpdated: ReplicaSet \"" + name(NEW) + "\" is progressing."));
		await().untilAsserted(() -> {
			assertThat(progressing()).isEqualTo("Progressing=False ProgressDeadlineExceeded: ReplicaSet \"" + name(NEW)
					+ "\" has timed out progressing.");
			assertThat(counts()).isEqualTo("observed=2 replicas=3 updated=1 ready=2 available=2 unavailable=1");
		});
	}

	static List<PodFate> podsThatNeverGetReady() {
		return List.of(PodFate.crashLoop(), PodFate.imagePullFails());
	}

	@Test
	void aStaleDeadlineStaysUntilTheNextRolloutIsObservedAndIsReplacedOnceItProgresses() {
		create(2, OLD, (spec) -> spec.setProgressDeadlineSeconds(10));
		awaitComplete(2);
		this.controller.podsOfImage(NEW, PodFate.crashLoop());
		this.cluster.setImage("demo", "web", "web", NEW);
		await().untilAsserted(() -> assertThat(progressing()).startsWith("Progressing=False ProgressDeadlineExceeded"));
		this.controller.observationLag(Duration.ofMinutes(1));

		this.cluster.setImage("demo", "web", "web", FIX);

		assertThat(read().getMetadata().getGeneration()).isEqualTo(3);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(counts()).as("the status of generation 2, not yet of 3")
				.isEqualTo("observed=2 replicas=3 updated=1 ready=2 available=2 unavailable=1");
			assertThat(progressing()).isEqualTo("Progressing=False ProgressDeadlineExceeded: ReplicaSet \"" + name(NEW)
					+ "\" has timed out progressing.");
		});
		assertThat(replicaSets()).as("no ReplicaSet of generation 3 yet").hasSize(2);

		this.controller.observationLag(Duration.ZERO);

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=3 replicas=2 updated=2 ready=2 available=2 unavailable=0");
			assertThat(progressing()).isEqualTo("Progressing=True NewReplicaSetAvailable: ReplicaSet \"" + name(FIX)
					+ "\" has successfully progressed.");
		});
		assertThat(replicaSet(NEW).getSpec().getReplicas()).as("the crash-looping pod, cleaned up").isZero();
	}

	@Test
	void aPausedDeploymentIsObservedButItsNewTemplateIsNotRolledOutUntilResumed() {
		create(2, OLD, (spec) -> {
		});
		awaitComplete(2);

		this.cluster.pause("demo", "web");
		this.cluster.setImage("demo", "web", "web", NEW);

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=3 replicas=2 updated=0 ready=2 available=2 unavailable=0");
			assertThat(progressing()).isEqualTo("Progressing=Unknown DeploymentPaused: Deployment is paused");
		});
		assertThat(replicaSets()).hasSize(1);

		this.cluster.resume("demo", "web");

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=4 replicas=2 updated=2 ready=2 available=2 unavailable=0");
			assertThat(progressing()).isEqualTo("Progressing=True NewReplicaSetAvailable: ReplicaSet \"" + name(NEW)
					+ "\" has successfully progressed.");
		});
	}

	@Test
	void aDeploymentOfNoReplicasCompletesAtOnce() {
		create(0, OLD, (spec) -> {
		});
		await().untilAsserted(() -> assertThat(progressing()).startsWith("Progressing=True NewReplicaSetAvailable"));
		this.controller.podsOfImage(NEW, PodFate.crashLoop());

		this.cluster.setImage("demo", "web", "web", NEW);

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=2 replicas=0 updated=0 ready=0 available=0 unavailable=0");
			assertThat(conditions()).containsExactly(
					"Available=True MinimumReplicasAvailable: Deployment has minimum availability.",
					"Progressing=True NewReplicaSetAvailable: ReplicaSet \"" + name(NEW)
							+ "\" has successfully progressed.");
		});
		assertThat(replicaSet(NEW).getSpec().getReplicas()).isZero();
	}

	@Test
	void scalingMidRolloutSpreadsTheNewReplicasProportionallyAndConverges() {
		create(4, OLD, rollingUpdate(1, 0));
		awaitComplete(4);
		this.controller.podsOfImage(NEW, PodFate.crashLoop());
		this.cluster.setImage("demo", "web", "web", NEW);
		await().untilAsserted(() -> assertThat(counts())
			.isEqualTo("observed=2 replicas=5 updated=1 ready=4 available=4 unavailable=1"));

		this.cluster.scale("demo", "web", 8);

		// 9 allowed (8 + surge 1) of 5: old 4 -> 7, new 1 -> 2
		await().untilAsserted(() -> assertThat(counts())
			.isEqualTo("observed=3 replicas=9 updated=2 ready=7 available=7 unavailable=2"));
		assertThat(replicaSet(OLD).getMetadata().getAnnotations())
			.containsEntry("deployment.kubernetes.io/desired-replicas", "8")
			.containsEntry("deployment.kubernetes.io/max-replicas", "9");

		this.controller.podsOfImage(NEW, PodFate.ready());

		await().untilAsserted(() -> {
			assertThat(counts()).isEqualTo("observed=3 replicas=8 updated=8 ready=8 available=8 unavailable=0");
			assertThat(progressing()).startsWith("Progressing=True NewReplicaSetAvailable");
		});
		assertThat(replicaSet(OLD).getSpec().getReplicas()).isZero();
	}

	@Test
	void aRollbackReusesTheEarlierReplicaSetWithTheNextRevisionAndKeepsItsOldOneInTheHistory() {
		this.controller.writeRevisionAnnotation(true);
		create(2, OLD, (spec) -> {
		});
		awaitComplete(2);
		this.cluster.setImage("demo", "web", "web", NEW);
		await().untilAsserted(() -> assertThat(revision(NEW)).isEqualTo("2"));
		awaitComplete(2);

		this.cluster.setImage("demo", "web", "web", OLD);

		await().untilAsserted(() -> {
			assertThat(revision(OLD)).isEqualTo("3");
			assertThat(replicaSet(OLD).getMetadata().getAnnotations())
				.containsEntry("deployment.kubernetes.io/revision-history", "1");
			assertThat(read().getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
		});
		awaitComplete(2);
		assertThat(replicaSets()).hasSize(2);
		assertThat(replicaSet(NEW).getSpec().getReplicas()).isZero();

		this.cluster.setImage("demo", "web", "web", NEW);

		await().untilAsserted(() -> {
			assertThat(revision(NEW)).isEqualTo("4");
			assertThat(replicaSet(NEW).getMetadata().getAnnotations())
				.containsEntry("deployment.kubernetes.io/revision-history", "2");
		});
		awaitComplete(2);
		assertThat(read().getMetadata().getGeneration()).as("three templates after the first, the annotation none")
			.isEqualTo(4);
	}

	@Test
	void aSlowPodMakesTheRolloutWaitForIt() {
		create(1, OLD, rollingUpdate(1, 0));
		awaitComplete(1);
		this.controller.pods("demo", "web", PodFate.readyAfter(Duration.ofSeconds(1)));

		this.cluster.setImage("demo", "web", "web", NEW);

		await().untilAsserted(() -> assertThat(counts())
			.isEqualTo("observed=2 replicas=2 updated=1 ready=1 available=1 unavailable=1"));
		await().untilAsserted(() -> assertThat(counts())
			.isEqualTo("observed=2 replicas=1 updated=1 ready=1 available=1 unavailable=0"));
	}

	@Test
	void neverReadsNorWritesTheDeploymentsOwnPath() {
		create(2, OLD, (spec) -> {
		});
		this.cluster.setImage("demo", "web", "web", NEW);
		int gets = this.cluster.faults().requests("GET", SimulatedCluster.deploymentPath("demo", "web"));
		int patches = this.cluster.faults().requests("PATCH", SimulatedCluster.deploymentPath("demo", "web"));

		awaitComplete(2);
		await().during(Duration.ofMillis(200)).until(() -> true);

		assertThat(this.cluster.faults().requests("GET", SimulatedCluster.deploymentPath("demo", "web")))
			.isEqualTo(gets);
		assertThat(this.cluster.faults().requests("PATCH", SimulatedCluster.deploymentPath("demo", "web")))
			.isEqualTo(patches);
	}

	private void awaitComplete(int replicas) {
		await().untilAsserted(() -> {
			Deployment deployment = read();
			assertThat(counts(deployment))
				.isEqualTo("observed=" + deployment.getMetadata().getGeneration() + " replicas=" + replicas
						+ " updated=" + replicas + " ready=" + replicas + " available=" + replicas + " unavailable=0");
			assertThat(progressing()).startsWith("Progressing=True NewReplicaSetAvailable");
		});
	}

	private void create(int replicas, String image, Consumer<DeploymentSpec> spec) {
		Deployment deployment = new DeploymentBuilder().withNewMetadata()
			.withName("web")
			.withNamespace("demo")
			.endMetadata()
			.withNewSpec()
			.withReplicas(replicas)
			.withNewSelector()
			.addToMatchLabels("app", "web")
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("app", "web")
			.endMetadata()
			.withNewSpec()
			.addToContainers(SimulatedCluster.container("web", image))
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
		spec.accept(deployment.getSpec());
		this.cluster.createNamespace("demo");
		this.cluster.client().apps().deployments().inNamespace("demo").resource(deployment).create();
	}

	private static Consumer<DeploymentSpec> rollingUpdate(Object maxSurge, Object maxUnavailable) {
		return (spec) -> spec.setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate")
			.withNewRollingUpdate()
			.withMaxSurge(new IntOrString(maxSurge))
			.withMaxUnavailable(new IntOrString(maxUnavailable))
			.endRollingUpdate()
			.build());
	}

	/**
	 * Reads the Deployment as the controller does, by listing: no request on its path.
	 */
	private Deployment read() {
		return this.cluster.client()
			.apps()
			.deployments()
			.inNamespace("demo")
			.list()
			.getItems()
			.stream()
			.filter((d) -> d.getMetadata().getName().equals("web"))
			.findFirst()
			.orElseThrow();
	}

	private String counts() {
		return counts(read());
	}

	private static String counts(Deployment deployment) {
		DeploymentStatus status = Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
		return "observed=" + status.getObservedGeneration() + " replicas=" + orZero(status.getReplicas()) + " updated="
				+ orZero(status.getUpdatedReplicas()) + " ready=" + orZero(status.getReadyReplicas()) + " available="
				+ orZero(status.getAvailableReplicas()) + " unavailable=" + orZero(status.getUnavailableReplicas());
	}

	private List<String> conditions() {
		DeploymentStatus status = Objects.requireNonNullElseGet(read().getStatus(), DeploymentStatus::new);
		return status.getConditions().stream().map(DeploymentControllerTests::describe).toList();
	}

	private String progressing() {
		return conditions().stream().filter((c) -> c.startsWith("Progressing=")).findFirst().orElse("none");
	}

	private String available() {
		return conditions().stream().filter((c) -> c.startsWith("Available=")).findFirst().orElse("none");
	}

	private static String describe(DeploymentCondition condition) {
		assertThat(condition.getLastUpdateTime()).as("lastUpdateTime").isNotNull();
		assertThat(condition.getLastTransitionTime()).as("lastTransitionTime").isNotNull();
		return condition.getType() + "=" + condition.getStatus() + " " + condition.getReason() + ": "
				+ condition.getMessage();
	}

	private List<ReplicaSet> replicaSets() {
		return this.cluster.client().apps().replicaSets().inNamespace("demo").withLabel("app", "web").list().getItems();
	}

	private ReplicaSet replicaSet(String image) {
		return replicaSets().stream()
			.filter((rs) -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(image))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ReplicaSet of " + image));
	}

	private String name(String image) {
		return replicaSet(image).getMetadata().getName();
	}

	private String revision(String image) {
		return replicaSet(image).getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
	}

	private static int orZero(Integer value) {
		return (value != null) ? value : 0;
	}

}
