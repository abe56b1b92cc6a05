package io.tagrelay.worker.deploy;

import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.registry.DistributionRegistry;
import io.tagrelay.testing.registry.PushedImage;
import io.tagrelay.testing.registry.RegistryTool;
import io.tagrelay.testing.webhook.WebhookReceiver;
import io.tagrelay.worker.ChartRole;
import io.tagrelay.worker.TestTargets;
import io.tagrelay.worker.WorkerTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tagrelay.testing.cluster.SimulatedCluster.container;
import static io.tagrelay.worker.WorkerTopics.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker asks a real registry before every patch: CNCF Distribution with htpasswd
 * Basic auth, filled with skopeo ({@link DistributionRegistry}), whose credentials the
 * worker reads from a Docker config JSON as an image pull Secret mounts it. Skipped, with
 * the reason, where the registry's tools are missing (failed in CI).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.kafka.partitions=1", "tagrelay.registry.retry.initial-interval=10ms" })
@EmbeddedKafka(partitions = 1, topics = "tagrelay.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DistributionVerificationIT {

	/** Why the tests cannot run here, if they cannot. */
	static final Optional<String> unavailable = RegistryTool.unavailable();

	static final DistributionRegistry registry = unavailable.isPresent() ? null
			: DistributionRegistry.builder().basicAuth("relay", "relay-password").start();

	static final String REPOSITORY = (registry != null) ? registry.host() + "/acme/web" : "127.0.0.1:1/acme/web";

	static final String PINNED = (registry != null) ? registry.host() + "/acme/pinned" : "127.0.0.1:1/acme/pinned";

	static final String TRACKED = (registry != null) ? registry.host() + "/acme/tracked" : "127.0.0.1:1/acme/tracked";

	static final SimulatedCluster cluster = cluster();

	static final WebhookReceiver receiver = new WebhookReceiver();

	static WorkerTopics topics;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		if (registry != null) {
			properties.add("tagrelay.registries[0].host", registry::host);
			properties.add("tagrelay.registries[0].insecure", () -> "true");
			properties.add("tagrelay.registries[0].docker-config", () -> registry.dockerConfig().orElseThrow());
		}
		TestTargets.register(properties, 0, REPOSITORY, "web", null, () -> receiver.url("/web"));
		properties.add("tagrelay.targets[0].registry.verify", () -> "required");
		TestTargets.register(properties, 1, PINNED, "pinned", null, () -> receiver.url("/pinned"));
		properties.add("tagrelay.targets[1].registry.verify", () -> "required");
		properties.add("tagrelay.targets[1].pin-digest", () -> "true");
		TestTargets.register(properties, 2, TRACKED, "tracked", null, () -> receiver.url("/tracked"));
		properties.add("tagrelay.targets[2].registry.verify", () -> "required");
		properties.add("tagrelay.targets[2].track-digest", () -> "true");
	}

	static SimulatedCluster cluster() {
		SimulatedCluster cluster = SimulatedCluster.start();
		cluster.createDeployment("demo", "web", 2, container("web", REPOSITORY + ":1.0.0"));
		cluster.createDeployment("demo", "pinned", 2, container("pinned", PINNED + ":1.0.0"));
		cluster.createDeployment("demo", "tracked", 2, container("tracked", TRACKED + ":latest"));
		return cluster;
	}

	// each test, not the class, so that a skip is counted and shows its reason
	@BeforeEach
	void tools(@Autowired EmbeddedKafkaBroker broker, @Autowired KafkaTemplate<String, byte[]> kafka) {
		unavailable.ifPresent(Assumptions::abort);
		if (topics == null) {
			topics = new WorkerTopics(broker.getBrokersAsString(), kafka);
		}
	}

	@AfterAll
	static void close() {
		if (topics != null) {
			topics.close();
		}
		receiver.close();
		cluster.close();
		if (registry != null) {
			registry.close();
		}
	}

	@Test
	void neverAppliesATagTheRegistryDoesNotHave() {
		registry.push("acme/web", "1.1.0");
		RegistryPush madeUp = push(REPOSITORY, "999.0.0");
		topics.send(madeUp);

		await().untilAsserted(() -> assertThat(receiver.received("/web")).hasSize(1));
		assertThat(cluster.image("demo", "web", "web")).isEqualTo(REPOSITORY + ":1.0.0");
		assertThat(topics.outcomes(madeUp)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.FAILED);
			assertThat(outcome.reason()).startsWith("tag 999.0.0 is not in the registry")
				.endsWith("nothing was deployed");
		});
		assertThat(receiver.received("/web").get(0).type()).isEqualTo("deployment.failed");
		await().untilAsserted(() -> assertThat(registry.requests()).anySatisfy((request) -> {
			assertThat(request.method()).isEqualTo("HEAD");
			assertThat(request.path()).isEqualTo("/v2/acme/web/manifests/999.0.0");
			assertThat(request.status()).isEqualTo(404);
		}));
	}

	@Test
	void pinsTheDigestTheRegistryReports() {
		PushedImage pushed = registry.push("acme/pinned", "1.1.0");
		RegistryPush push = push(PINNED, "1.1.0");
		topics.send(push);

		await().untilAsserted(() -> assertThat(receiver.received("/pinned")).hasSize(1));
		assertThat(cluster.image("demo", "pinned", "pinned")).isEqualTo(pushed.pinned());
		assertThat(topics.outcomes(push)).singleElement()
			.extracting(DeploymentOutcome::digest)
			.isEqualTo(pushed.digest());
		assertThat(receiver.received("/pinned").get(0).fields("digest")).containsExactly(pushed.digest());
	}

	@Test
	void movesATrackedTagToTheDigestItWasRepushedWith() {
		PushedImage first = registry.push("acme/tracked", "latest");
		RegistryPush push = push(TRACKED, "latest");
		topics.send(push);
		await().untilAsserted(() -> assertThat(cluster.image("demo", "tracked", "tracked")).isEqualTo(first.pinned()));

		PushedImage second = registry.push("acme/tracked", "latest");
		assertThat(second.digest()).isNotEqualTo(first.digest());
		RegistryPush repushed = push(TRACKED, "latest");
		topics.send(repushed);

		await().untilAsserted(() -> assertThat(cluster.image("demo", "tracked", "tracked")).isEqualTo(second.pinned()));
		await().untilAsserted(() -> assertThat(topics.outcomes(repushed)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.UPDATED);
			assertThat(outcome.previousImage()).isEqualTo(first.pinned());
			assertThat(outcome.digest()).isEqualTo(second.digest());
		}));
		await().untilAsserted(() -> assertThat(receiver.received("/tracked")).hasSize(2));
		assertThat(receiver.received("/tracked").get(1).fields("digest")).containsExactly(second.digest());

		RegistryPush again = push(TRACKED, "latest");
		topics.send(again);
		await().untilAsserted(() -> assertThat(topics.outcomes(again)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
			assertThat(outcome.reason()).isEqualTo("tag latest still points to " + second.digest() + ", which runs");
		}));
		assertThat(cluster.image("demo", "tracked", "tracked")).isEqualTo(second.pinned());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		@Bean
		KubernetesClient mockKubernetesClient(Targets targets) {
			return ChartRole.client(cluster, targets);
		}

	}

}
