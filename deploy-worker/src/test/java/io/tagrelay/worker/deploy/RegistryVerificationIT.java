package io.tagrelay.worker.deploy;

import java.time.Instant;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.Delivery;
import io.tagrelay.testing.webhook.WebhookReceiver;
import io.tagrelay.worker.ChartRole;
import io.tagrelay.worker.TestTargets;
import io.tagrelay.worker.WorkerTopics;
import io.tagrelay.worker.registry.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
 * The worker asks the registry before every patch: the whole worker against an embedded
 * KRaft broker, the simulated cluster, a webhook receiver and a small OCI registry of the
 * test ({@link TestRegistry}); a registry host nobody listens on stands for one that is
 * down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.kafka.partitions=1", "tagrelay.registry.retry.max-attempts=2",
				"tagrelay.registry.retry.initial-interval=10ms", "tagrelay.registry.retry.max-interval=50ms",
				"tagrelay.registry.outage-budget=300ms" })
@EmbeddedKafka(partitions = 1, topics = "tagrelay.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RegistryVerificationIT {

	static final TestRegistry registry = TestRegistry.start();

	static final String REGISTRY = registry.host();

	// nothing listens there: connections are refused
	static final String DOWN = "127.0.0.1:1";

	static final SimulatedCluster cluster = cluster();

	static final WebhookReceiver receiver = new WebhookReceiver();

	static WorkerTopics topics;

	@Autowired
	MeterRegistry metrics;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("tagrelay.registries[0].host", () -> REGISTRY);
		properties.add("tagrelay.registries[0].insecure", () -> "true");
		properties.add("tagrelay.registries[1].host", () -> DOWN);
		properties.add("tagrelay.registries[1].insecure", () -> "true");
		target(properties, 0, REGISTRY + "/acme/web", "web", "best-effort");
		target(properties, 1, REGISTRY + "/acme/pinned", "pinned", "required");
		properties.add("tagrelay.targets[1].pin-digest", () -> "true");
		target(properties, 2, DOWN + "/acme/strict", "strict", "required");
		target(properties, 3, DOWN + "/acme/lax", "lax", "best-effort");
		target(properties, 4, REGISTRY + "/acme/mix", "mix", "best-effort");
		target(properties, 5, REGISTRY + "/acme/manual", "manual", "required");
	}

	private static void target(DynamicPropertyRegistry properties, int index, String repository, String deployment,
			String verify) {
		TestTargets.register(properties, index, repository, deployment, null, () -> receiver.url("/" + deployment));
		properties.add("tagrelay.targets[" + index + "].registry.verify", () -> verify);
	}

	static SimulatedCluster cluster() {
		SimulatedCluster cluster = SimulatedCluster.start();
		for (String name : new String[] { "web", "pinned", "mix", "manual" }) {
			registry.push("acme/" + name, "1.0.0");
			cluster.createDeployment("demo", name, 2, container(name, REGISTRY + "/acme/" + name + ":1.0.0"));
		}
		cluster.createDeployment("demo", "strict", 2, container("strict", DOWN + "/acme/strict:1.0.0"));
		cluster.createDeployment("demo", "lax", 2, container("lax", DOWN + "/acme/lax:1.0.0"));
		return cluster;
	}

	@BeforeAll
	static void readTopics(@Autowired EmbeddedKafkaBroker broker, @Autowired KafkaTemplate<String, byte[]> kafka) {
		topics = new WorkerTopics(broker.getBrokersAsString(), kafka);
	}

	@AfterAll
	static void close() {
		topics.close();
		receiver.close();
		cluster.close();
		registry.close();
	}

	@Test
	void neverAppliesATagTheRegistryDoesNotHaveAndTheWebhookSaysSo() {
		RegistryPush madeUp = push(REGISTRY + "/acme/web", "999.0.0");
		topics.send(madeUp);

		await().untilAsserted(() -> assertThat(receiver.received("/web")).hasSize(1));
		assertThat(cluster.image("demo", "web", "web")).isEqualTo(REGISTRY + "/acme/web:1.0.0");
		DeploymentOutcome refused = topics.outcomes(madeUp).get(0);
		assertThat(refused.result()).isEqualTo(Result.FAILED);
		assertThat(refused.previousImage()).isEqualTo(REGISTRY + "/acme/web:1.0.0");
		assertThat(refused.reason()).isEqualTo("tag 999.0.0 is not in the registry (" + REGISTRY + " has no manifest "
				+ REGISTRY + "/acme/web:999.0.0): nothing was deployed");
		JsonNode webhook = receiver.received("/web").get(0).json();
		assertThat(webhook.path("type").asString()).isEqualTo("deployment.failed");
		assertThat(webhook.path("reason").asString()).isEqualTo(refused.reason());

		// the made-up tag blocks nothing: a real, lower one is applied after it
		String digest = registry.push("acme/web", "1.1.0");
		RegistryPush real = push(REGISTRY + "/acme/web", "1.1.0");
		topics.send(real);
		await().untilAsserted(() -> assertThat(receiver.received("/web")).hasSize(2));
		assertThat(cluster.image("demo", "web", "web")).isEqualTo(REGISTRY + "/acme/web:1.1.0");
		Delivery updated = receiver.received("/web").get(1);
		assertThat(updated.fields("type", "tag", "digest")).containsExactly("deployment.updated", "1.1.0", digest);
		assertThat(topics.outcomes(real)).singleElement().extracting(DeploymentOutcome::digest).isEqualTo(digest);
	}

	@Test
	void pinsTheDigestTheRegistryReportsAndKeepsComparingTags() {
		String digest = registry.push("acme/pinned", "1.1.0");
		RegistryPush push = push(REGISTRY + "/acme/pinned", "1.1.0");
		topics.send(push);

		await().untilAsserted(() -> assertThat(receiver.received("/pinned")).hasSize(1));
		assertThat(cluster.image("demo", "pinned", "pinned")).isEqualTo(REGISTRY + "/acme/pinned:1.1.0@" + digest);
		assertThat(receiver.received("/pinned").get(0).fields("type", "image", "tag", "digest"))
			.containsExactly("deployment.updated", REGISTRY + "/acme/pinned:1.1.0@" + digest, "1.1.0", digest);

		RegistryPush older = push(REGISTRY + "/acme/pinned", "1.0.0");
		topics.send(older);
		await().untilAsserted(() -> assertThat(topics.outcomes(older)).singleElement()
			.extracting(DeploymentOutcome::reason)
			.isEqualTo("no pushed tag is newer than the running 1.1.0"));

		String next = registry.push("acme/pinned", "1.2.0");
		RegistryPush newer = push(REGISTRY + "/acme/pinned", "1.2.0");
		topics.send(newer);
		await().untilAsserted(() -> assertThat(receiver.received("/pinned")).hasSize(2));
		assertThat(cluster.image("demo", "pinned", "pinned")).isEqualTo(REGISTRY + "/acme/pinned:1.2.0@" + next);
	}

	@Test
	void neverAppliesATagARequiredRegistryCannotConfirm() {
		RegistryPush push = push(DOWN + "/acme/strict", "1.1.0");
		topics.send(push);

		await().untilAsserted(() -> assertThat(receiver.received("/strict")).hasSize(1));
		assertThat(cluster.image("demo", "strict", "strict")).isEqualTo(DOWN + "/acme/strict:1.0.0");
		assertThat(topics.outcomes(push)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.FAILED);
			assertThat(outcome.reason()).startsWith("tag 1.1.0 could not be verified (no answer from " + DOWN)
				.endsWith("and registry.verify is required: nothing was deployed");
		});
	}

	@Test
	void appliesATagABestEffortRegistryCannotConfirmWithAMetric() {
		RegistryPush push = push(DOWN + "/acme/lax", "1.1.0");
		topics.send(push);

		await().untilAsserted(() -> assertThat(receiver.received("/lax")).hasSize(1));
		assertThat(cluster.image("demo", "lax", "lax")).isEqualTo(DOWN + "/acme/lax:1.1.0");
		assertThat(topics.outcomes(push)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.UPDATED);
			assertThat(outcome.digest()).isNull();
		});
		assertThat(this.metrics.counter("tagrelay.registry.unverified", "registry", DOWN).count()).isEqualTo(1);
	}

	@Test
	void appliesTheNewestTagTheRegistryHasWhenANewerOneIsMadeUp() {
		String digest = registry.push("acme/mix", "1.1.0");
		RegistryPush push = push(REGISTRY + "/acme/mix", "1.1.0", "999.0.0");
		topics.send(push);

		await().untilAsserted(() -> assertThat(receiver.received("/mix")).hasSize(1));
		assertThat(cluster.image("demo", "mix", "mix")).isEqualTo(REGISTRY + "/acme/mix:1.1.0");
		assertThat(topics.outcomes(push)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.UPDATED);
			assertThat(outcome.digest()).isEqualTo(digest);
		});
	}

	@Test
	void verifiesAnImageRequestTheSameWay() {
		ImageRequest request = new ImageRequest(EventIds.next(), new TargetRef("demo", "manual", "manual"),
				REGISTRY + "/acme/manual:9.9.9", Instant.now());
		topics.send(request);

		await().untilAsserted(() -> assertThat(receiver.received("/manual")).hasSize(1));
		assertThat(cluster.image("demo", "manual", "manual")).isEqualTo(REGISTRY + "/acme/manual:1.0.0");
		assertThat(receiver.received("/manual").get(0).json().path("reason").asString())
			.isEqualTo("tag 9.9.9 is not in the registry (" + REGISTRY + " has no manifest " + REGISTRY
					+ "/acme/manual:9.9.9): nothing was deployed");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		@Bean
		KubernetesClient mockKubernetesClient(Targets targets) {
			return ChartRole.client(cluster, targets);
		}

	}

}
