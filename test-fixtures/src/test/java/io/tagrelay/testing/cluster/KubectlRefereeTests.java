package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.tagrelay.testing.cluster.Kubectl.Result;
import io.tagrelay.testing.cluster.Kubectl.RolloutStatus;
import io.tagrelay.testing.cluster.Kubectl.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real kubectl, as a referee, reads the simulated cluster as it would a real one:
 * discovery, the Deployment, and {@code rollout status} over its list-and-watch, for
 * every rollout state that the worker's verdicts are compared with. Each kubectl of
 * {@link Kubectl#findAll()} (set {@code KUBECTL} to several, separated by {@code :}, to
 * run them all); without one, skipped, or failed in CI.
 */
class KubectlRefereeTests {

	private static final String NAMESPACE = "demo";

	private static final AtomicInteger names = new AtomicInteger();

	private static SimulatedCluster cluster;

	@BeforeAll
	static void start() {
		cluster = SimulatedCluster.withoutController();
		cluster.createNamespace(NAMESPACE);
	}

	@AfterAll
	static void stop() {
		cluster.close();
	}

	static Stream<Named<Kubectl>> kubectls() {
		List<Kubectl> found = Kubectl.findAll();
		if (found.isEmpty()) {
			return Stream.of(Named.of("no kubectl", null));
		}
		return found.stream().map((kubectl) -> Named.of(kubectl.clientVersion() + " " + kubectl.executable(), kubectl));
	}

	private static Kubectl.Session session(Kubectl kubectl) {
		if (kubectl == null) {
			String variable = System.getenv(Kubectl.ENV);
			String reason = "no kubectl: "
					+ ((variable == null || variable.isBlank()) ? "none on the PATH and " + Kubectl.ENV + " unset"
							: Kubectl.ENV + "=" + variable + " names no executable file")
					+ " (on Debian: apt-get install kubernetes-client, as .ci/run does)";
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(reason);
			}
			Assumptions.abort(reason);
		}
		return kubectl.against(cluster);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void saysAnObservedRolloutOfEveryReplicaUpdatedAndAvailableSuccessfullyRolledOut(Kubectl kubectl) {
		String name = deployment((status) -> status.withReplicas(2)
			.withUpdatedReplicas(2)
			.withReadyReplicas(2)
			.withAvailableReplicas(2)
			.withConditions(progressing("True", "NewReplicaSetAvailable")));
		try (Kubectl.Session session = session(kubectl)) {
			assertThat(session.rolloutStatus(NAMESPACE, name)).satisfies((status) -> assertVerdict(status, Verdict.DONE,
					"deployment \"" + name + "\" successfully rolled out"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void waitsForNewReplicasToBeUpdated(Kubectl kubectl) {
		String name = deployment((status) -> status.withReplicas(3)
			.withUpdatedReplicas(1)
			.withReadyReplicas(2)
			.withAvailableReplicas(2)
			.withConditions(progressing("True", "ReplicaSetUpdated")));
		try (Kubectl.Session session = session(kubectl)) {
			assertThat(session.rolloutStatus(NAMESPACE, name)).satisfies((status) -> assertVerdict(status,
					Verdict.WAITING, waiting(name, "1 out of 2 new replicas have been updated...")));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void waitsForOldReplicasToTerminate(Kubectl kubectl) {
		String name = deployment((status) -> status.withReplicas(3)
			.withUpdatedReplicas(2)
			.withReadyReplicas(3)
			.withAvailableReplicas(3)
			.withConditions(progressing("True", "ReplicaSetUpdated")));
		try (Kubectl.Session session = session(kubectl)) {
			assertThat(session.rolloutStatus(NAMESPACE, name)).satisfies((status) -> assertVerdict(status,
					Verdict.WAITING, waiting(name, "1 old replicas are pending termination...")));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void waitsForUpdatedReplicasToBeAvailable(Kubectl kubectl) {
		String name = deployment((status) -> status.withReplicas(2)
			.withUpdatedReplicas(2)
			.withReadyReplicas(1)
			.withAvailableReplicas(1)
			.withConditions(progressing("True", "ReplicaSetUpdated")));
		try (Kubectl.Session session = session(kubectl)) {
			assertThat(session.rolloutStatus(NAMESPACE, name)).satisfies((status) -> assertVerdict(status,
					Verdict.WAITING, waiting(name, "1 of 2 updated replicas are available...")));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void waitsForASpecUpdateToBeObservedWhateverTheStatusOfTheGenerationBefore(Kubectl kubectl) {
		String name = deployment((status) -> status.withReplicas(2)
			.withUpdatedReplicas(2)
			.withAvailableReplicas(2)
			.withConditions(progressing("False", "ProgressDeadlineExceeded")));
		Deployment updated = updateImage(name, "quay.io/acme/" + name + ":2.0.0");
		assertThat(updated.getMetadata().getGeneration()).as("the mock counts spec changes")
			.isGreaterThan(updated.getStatus().getObservedGeneration());
		try (Kubectl.Session session = session(kubectl)) {
			assertThat(session.rolloutStatus(NAMESPACE, name)).satisfies((status) -> assertVerdict(status,
					Verdict.WAITING, "Waiting for deployment spec update to be observed..."));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void failsARolloutWhoseObservedGenerationExceededItsProgressDeadline(Kubectl kubectl) {
		String name = deployment((status) -> status.withReplicas(3)
			.withUpdatedReplicas(1)
			.withAvailableReplicas(2)
			.withConditions(progressing("False", "ProgressDeadlineExceeded")));
		try (Kubectl.Session session = session(kubectl)) {
			RolloutStatus status = session.rolloutStatus(NAMESPACE, name);
			assertVerdict(status, Verdict.FAILED, "error: deployment \"" + name + "\" exceeded its progress deadline");
			assertThat(status.result().exitCode()).isEqualTo(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void hasNoWordForAPausedRolloutButWaitsForItsReplicas(Kubectl kubectl) {
		String name = deployment((status) -> status.withReplicas(3)
			.withUpdatedReplicas(1)
			.withAvailableReplicas(2)
			.withConditions(progressing("Unknown", "DeploymentPaused")));
		Deployment paused = cluster.client().apps().deployments().inNamespace(NAMESPACE).withName(name).get();
		paused.getSpec().setPaused(true);
		paused = cluster.client().apps().deployments().inNamespace(NAMESPACE).resource(paused).update();
		paused.getStatus().setObservedGeneration(paused.getMetadata().getGeneration());
		cluster.client().apps().deployments().inNamespace(NAMESPACE).resource(paused).updateStatus();
		try (Kubectl.Session session = session(kubectl)) {
			assertThat(session.rolloutStatus(NAMESPACE, name)).satisfies((status) -> assertVerdict(status,
					Verdict.WAITING, waiting(name, "1 out of 2 new replicas have been updated...")));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void watchesARolloutToItsEndAcrossStatusUpdates(Kubectl kubectl) throws Exception {
		String name = deployment((status) -> status.withReplicas(2).withUpdatedReplicas(1).withAvailableReplicas(2));
		String deployments = "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments";
		try (Kubectl.Session session = session(kubectl)) {
			int before = cluster.faults().requests("GET", deployments);
			CompletableFuture<Result> watching = CompletableFuture.supplyAsync(() -> session.run(Duration.ofSeconds(30),
					"rollout", "status", "deployment/" + name, "-n", NAMESPACE, "--timeout=20s"));
			// its list, then its first watch
			await().atMost(Duration.ofSeconds(20))
				.until(() -> watching.isDone() || cluster.faults().requests("GET", deployments) >= before + 2);
			setStatus(name, (status) -> status.withReplicas(3).withUpdatedReplicas(2).withAvailableReplicas(2));
			Thread.sleep(300);
			setStatus(name, (status) -> status.withReplicas(2).withUpdatedReplicas(2).withAvailableReplicas(2));
			Result result = watching.get(40, TimeUnit.SECONDS);
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.stdout().lines().distinct()).as(result.toString())
				.startsWith(waiting(name, "1 out of 2 new replicas have been updated..."))
				.endsWith("deployment \"" + name + "\" successfully rolled out");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubectls")
	void getsADeploymentByItsShortNameAndPrintsTheServersColumns(Kubectl kubectl) {
		String name = deployment((
				status) -> status.withReplicas(2).withUpdatedReplicas(2).withReadyReplicas(1).withAvailableReplicas(2));
		try (Kubectl.Session session = session(kubectl)) {
			Result get = session.run("get", "deploy", name, "-n", NAMESPACE, "-o",
					"jsonpath={.metadata.name} {.status.updatedReplicas}/{.spec.replicas}");
			assertThat(get.exitCode()).as(get.toString()).isZero();
			assertThat(get.stdout()).isEqualTo(name + " 2/2");
			Result table = session.run("get", "deployment", name, "-n", NAMESPACE, "-o", "wide");
			assertThat(table.exitCode()).as(table.toString()).isZero();
			List<List<String>> rows = table.stdout().lines().map((line) -> List.of(line.split(" +"))).toList();
			assertThat(rows).as(table.toString()).hasSize(2);
			assertThat(rows.get(0)).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS",
					"IMAGES", "SELECTOR");
			assertThat(rows.get(1)).containsExactly(name, "1/2", "2", "2", rows.get(1).get(4), name,
					"quay.io/acme/" + name + ":1.0.0", "app=" + name);
			assertThat(rows.get(1).get(4)).as("age").matches("[0-9]+s");
			Result missing = session.run("get", "deployment", "nowhere", "-n", NAMESPACE);
			assertThat(missing.exitCode()).isNotZero();
			assertThat(missing.stderr().strip())
				.isEqualTo("Error from server (NotFound): deployments.apps \"nowhere\" not found");
		}
	}

	private static void assertVerdict(RolloutStatus status, Verdict verdict, String message) {
		assertThat(status.verdict()).as(status.result().toString()).isEqualTo(verdict);
		assertThat(status.message()).as(status.result().toString()).isEqualTo(message);
	}

	private static String waiting(String name, String what) {
		return "Waiting for deployment \"" + name + "\" rollout to finish: " + what;
	}

	/**
	 * Creates a Deployment of two replicas whose status at its generation is set by hand.
	 */
	private static String deployment(Consumer<DeploymentStatusBuilder> status) {
		String name = "web-" + names.incrementAndGet();
		cluster.createDeployment(NAMESPACE, name, "quay.io/acme/" + name + ":1.0.0");
		setStatus(name, status);
		return name;
	}

	private static void setStatus(String name, Consumer<DeploymentStatusBuilder> status) {
		Deployment deployment = cluster.client().apps().deployments().inNamespace(NAMESPACE).withName(name).get();
		DeploymentStatusBuilder builder = new DeploymentStatusBuilder()
			.withObservedGeneration(deployment.getMetadata().getGeneration());
		status.accept(builder);
		DeploymentStatus built = builder.build();
		deployment.setStatus(built);
		cluster.client().apps().deployments().inNamespace(NAMESPACE).resource(deployment).updateStatus();
	}

	private static Deployment updateImage(String name, String image) {
		Deployment deployment = cluster.client().apps().deployments().inNamespace(NAMESPACE).withName(name).get();
		deployment.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
		return cluster.client().apps().deployments().inNamespace(NAMESPACE).resource(deployment).update();
	}

	private static DeploymentCondition progressing(String status, String reason) {
		return new DeploymentConditionBuilder().withType("Progressing")
			.withStatus(status)
			.withReason(reason)
			.withMessage("set by the test")
			.build();
	}

}
