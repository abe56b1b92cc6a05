package io.tagrelay.testing.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class SimulatedClusterTests {

	private static final String IMAGE_PATH = "/spec/template/spec/containers/0/image";

	private SimulatedCluster cluster;

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void answersAJsonPatchWhoseTestOpFailsWith422AndLeavesTheDeployment() {
		this.cluster = SimulatedCluster.withoutController();
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");

		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> patchImage("quay.io/acme/web:0.9.0", "quay.io/acme/web:2.0.0"))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(422));
		assertThat(this.cluster.image("demo", "web", "web")).isEqualTo("quay.io/acme/web:1.0.0");
	}

	@Test
	void answersAJsonPatchThatAddsUnderAMissingParentWith422AsTheRealApiServerDoes() {
		this.cluster = SimulatedCluster.withoutController();
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");

		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> jsonPatch(
					"[{\"op\":\"add\",\"path\":\"/metadata/annotations/tagrelay.io~1event-id\",\"value\":\"evt_1\"}]"))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(422);
				assertThat(ex.getMessage())
					.contains("doc is missing path: \"/metadata/annotations/tagrelay.io~1event-id\"");
			});
		jsonPatch(
				"[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"tagrelay.io/event-id\":\"evt_1\"}}]");
		assertThat(read().getMetadata().getAnnotations()).containsEntry("tagrelay.io/event-id", "evt_1");
	}

	@Test
	void servesAnInjectedFaultTheGivenTimesThenAnswersAsTheServer() {
		this.cluster = SimulatedCluster.withoutController();
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		String path = SimulatedCluster.deploymentPath("demo", "web");
		this.cluster.faults().fail("GET", path, 503, 2);

		try (KubernetesClient once = this.cluster.client((config) -> {
			config.setRequestRetryBackoffLimit(0);
			return config;
		})) {
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(KubernetesClientException.class)
					.isThrownBy(() -> once.apps().deployments().inNamespace("demo").withName("web").get())
					.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(503));
			}
			assertThat(once.apps().deployments().inNamespace("demo").withName("web").get()).isNotNull();
		}
		assertThat(this.cluster.faults().served("GET", path)).isEqualTo(2);
		assertThat(this.cluster.faults().requests("GET", path)).isEqualTo(3);
	}

	@Test
	void completesEveryRolloutAtOnceAndWritesTheStatusOnlyWhenItChanges() throws Exception {
		this.cluster = SimulatedCluster.start();
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		patchImage("quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0");

		statusWritten().untilAsserted(() -> assertThat(read().getStatus()).satisfies((status) -> {
			assertThat(status.getObservedGeneration()).isEqualTo(read().getMetadata().getGeneration());
			assertThat(status.getUpdatedReplicas()).isEqualTo(2);
			assertThat(status.getAvailableReplicas()).isEqualTo(2);
		}));
		int writes = this.cluster.faults().requests("PUT", SimulatedCluster.deploymentPath("demo", "web") + "/status");
		Thread.sleep(200);
		assertThat(this.cluster.faults().requests("PUT", SimulatedCluster.deploymentPath("demo", "web") + "/status"))
			.isEqualTo(writes);
	}

	@Test
	void completesAHeldRolloutOnlyAfterRelease() {
		this.cluster = SimulatedCluster.start(0, Duration.ofMillis(20));
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		statusWritten().untilAsserted(() -> assertThat(read().getStatus().getAvailableReplicas()).isEqualTo(2));
		this.cluster.controller().hold();

		patchImage("quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0");

		statusWritten().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(read().getStatus().getObservedGeneration()).isEqualTo(2L);
			assertThat(read().getStatus().getUpdatedReplicas()).as("one surge pod, not ready").isEqualTo(1);
			assertThat(read().getStatus().getAvailableReplicas()).as("the old pods serve").isEqualTo(2);
			assertThat(replicaSetOf("quay.io/acme/web:1.1.0").getStatus().getAvailableReplicas()).isNull();
		});
		this.cluster.controller().release();
		statusWritten().untilAsserted(() -> {
			assertThat(read().getStatus().getUpdatedReplicas()).isEqualTo(2);
			assertThat(replicaSetOf("quay.io/acme/web:1.1.0").getStatus().getAvailableReplicas()).isEqualTo(2);
		});
		assertThat(replicaSetOf("quay.io/acme/web:1.1.0").getMetadata().getOwnerReferences()).singleElement()
			.satisfies((owner) -> assertThat(owner.getUid()).isEqualTo(read().getMetadata().getUid()));
		assertThat(replicaSetOf("quay.io/acme/web:1.0.0").getSpec().getReplicas()).isZero();
	}

	private ReplicaSet replicaSetOf(String image) {
		return this.cluster.client()
			.apps()
			.replicaSets()
			.inNamespace("demo")
			.list()
			.getItems()
			.stream()
			.filter((rs) -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(image))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void neverCompletesTheRolloutOfADeploymentFatedToStall() {
		this.cluster = SimulatedCluster.start();
		this.cluster.createDeployment("demo", "stuck", "quay.io/acme/stuck:1.0.0");
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		statusWritten().untilAsserted(() -> assertThat(stuck().getStatus().getAvailableReplicas()).isEqualTo(2));
		this.cluster.controller().fate("demo", "stuck", RolloutFate.STALLS);

		this.cluster.setImage("demo", "stuck", "stuck", "quay.io/acme/stuck:1.1.0");
		patchImage("quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0");

		statusWritten().untilAsserted(() -> assertThat(read().getStatus().getObservedGeneration()).isEqualTo(2L));
		statusWritten().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(stuck().getStatus().getObservedGeneration()).isEqualTo(2L);
			assertThat(stuck().getStatus().getUpdatedReplicas()).isEqualTo(1);
			assertThat(stuck().getStatus().getAvailableReplicas()).as("the old pods serve").isEqualTo(2);
		});
		assertThat(read().getStatus().getUpdatedReplicas()).isEqualTo(2);
	}

	private Deployment stuck() {
		return this.cluster.client().apps().deployments().inNamespace("demo").withName("stuck").get();
	}

	@Test
	void recordsEveryImageStoredAndTellsListenersOfImagePatches() {
		this.cluster = SimulatedCluster.withoutController();
		List<String> patched = new CopyOnWriteArrayList<>();
		this.cluster.addPatchListener(
				(namespace, deployment, image, nanos) -> patched.add(namespace + "/" + deployment + "=" + image));
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");

		patchImage("quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0");
		patchImage("quay.io/acme/web:1.1.0", "quay.io/acme/web:1.2.0");

		assertThat(this.cluster.history().of("demo", "web")).containsExactly("quay.io/acme/web:1.0.0",
				"quay.io/acme/web:1.1.0", "quay.io/acme/web:1.2.0");
		assertThat(patched).containsExactly("demo/web=quay.io/acme/web:1.1.0", "demo/web=quay.io/acme/web:1.2.0");
	}

	@Test
	void countsTheRequestsItReceivesByVerbAndResourceSinceTheLastReset() throws Exception {
		this.cluster = SimulatedCluster.withoutController();
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		this.cluster.requests().reset();
		CountDownLatch listed = new CountDownLatch(1);

		read();
		read();
		patchImage("quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0");
		this.cluster.client().apps().replicaSets().inNamespace("demo").list();
		try (Watch watch = this.cluster.client()
			.apps()
			.deployments()
			.inNamespace("demo")
			.withName("web")
			.watch(new Watcher<>() {
				@Override
				public void eventReceived(Action action, Deployment resource) {
					listed.countDown();
				}

				@Override
				public void onClose(WatcherException cause) {
				}
			})) {
			this.cluster.setImage("demo", "web", "web", "quay.io/acme/web:1.2.0");
			assertThat(listed.await(10, TimeUnit.SECONDS)).isTrue();
		}

		ApiRequests requests = this.cluster.requests();
		// the two reads, setImage's, and the one fabric8 makes before each patch of a
		// resource it has only the name of
		assertThat(requests.count("GET", "deployments")).as(requests.toString()).isEqualTo(2 + 1 + 2);
		assertThat(requests.count("PATCH", "deployments")).isEqualTo(1 + 1);
		assertThat(requests.count("LIST", "replicasets")).isOne();
		assertThat(requests.count("WATCH", "deployments")).isOne();
		assertThat(requests.withoutWatches()).isEqualTo(5 + 2 + 1);
		try (KubernetesClient other = this.cluster.client((config) -> config)) {
			assertThat(other.raw(this.cluster.url() + "metrics"))
				.contains("apiserver_request_total{verb=\"PATCH\",resource=\"deployments\",subresource=\"\"} 2\n");
		}
		requests.reset();
		assertThat(requests.withoutWatches()).isZero();
	}

	@Test
	void reportsTheRolloutOfEveryGenerationCompleteWithoutAController() {
		this.cluster = SimulatedCluster.withoutController();
		this.cluster.createDeployment("bench", "w0", 1, SimulatedCluster.container("app", "quay.io/bench/w0:1.0.0"));

		this.cluster.rolledOutForever("bench", "w0");
		this.cluster.client()
			.apps()
			.deployments()
			.inNamespace("bench")
			.withName("w0")
			.patch(PatchContext.of(PatchType.JSON),
					"[{\"op\":\"replace\",\"path\":\"%s\",\"value\":\"quay.io/bench/w0:1.0.1\"}]"
						.formatted(IMAGE_PATH));

		Deployment w0 = this.cluster.client().apps().deployments().inNamespace("bench").withName("w0").get();
		assertThat(w0.getStatus().getObservedGeneration()).isGreaterThan(w0.getMetadata().getGeneration());
		assertThat(w0.getStatus().getUpdatedReplicas()).isOne();
	}

	@Test
	void writesAKubeconfigThatFabric8Reads(@TempDir Path dir) throws Exception {
		this.cluster = SimulatedCluster.withoutController();
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");

		Path file = this.cluster.writeKubeconfig(dir.resolve("state/kubeconfig"), "sandbox", "demo", "a SANDBOX");

		assertThat(Files.readString(file)).startsWith("# a SANDBOX\n");
		Config config = Config.fromKubeconfig(Files.readString(file));
		assertThat(config.getNamespace()).isEqualTo("demo");
		try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
			assertThat(SimulatedCluster.image(client, "demo", "web", "web")).isEqualTo("quay.io/acme/web:1.0.0");
		}
	}

	private Deployment read() {
		return this.cluster.client().apps().deployments().inNamespace("demo").withName("web").get();
	}

	private void patchImage(String expected, String image) {
		jsonPatch(
				"[{\"op\":\"test\",\"path\":\"%1$s\",\"value\":\"%2$s\"},{\"op\":\"replace\",\"path\":\"%1$s\",\"value\":\"%3$s\"}]"
					.formatted(IMAGE_PATH, expected, image));
	}

	private void jsonPatch(String patch) {
		this.cluster.client()
			.apps()
			.deployments()
			.inNamespace("demo")
			.withName("web")
			.patch(PatchContext.of(PatchType.JSON), patch);
	}

	// a Deployment has no status until the controller's first pass writes one
	private static ConditionFactory statusWritten() {
		return await().ignoreException(NullPointerException.class);
	}

}
