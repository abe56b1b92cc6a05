package io.tagrelay.worker.deploy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.ApiRequests;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.WebhookReceiver;
import io.tagrelay.worker.ChartRole;
import io.tagrelay.worker.TestTargets;
import io.tagrelay.worker.WorkerTopics;
import io.tagrelay.worker.state.DeploymentWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * What one image update costs the API server on the hot path: the whole worker against an
 * embedded KRaft broker and a simulated cluster whose rollouts are complete as soon as a
 * Deployment is patched (as in the bench's throughput figure). Each update of a distinct
 * target makes the JSON Patch and at most one read; the Deployments' watches, long-lived
 * and started before, are not counted.
 */
@SpringBootTest(properties = "tagrelay.kafka.partitions=1")
@EmbeddedKafka(partitions = 1, topics = "tagrelay.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class HotPathRequestsIT {

	static final int TARGETS = 12;

	static final SimulatedCluster cluster = cluster();

	static final WebhookReceiver receiver = new WebhookReceiver();

	static WorkerTopics topics;

	@Autowired
	DeploymentWatch watch;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		IntStream.range(0, TARGETS)
			.forEach((i) -> TestTargets.register(registry, i, "quay.io/acme/" + name(i), name(i), null,
					() -> receiver.url("/hooks")));
	}

	@BeforeAll
	static void readTopics(@Autowired EmbeddedKafkaBroker broker, @Autowired KafkaTemplate<String, byte[]> kafka) {
		topics = new WorkerTopics(broker.getBrokersAsString(), kafka);
	}

	static SimulatedCluster cluster() {
		SimulatedCluster cluster = SimulatedCluster.withoutController();
		IntStream.range(0, TARGETS).forEach((i) -> {
			cluster.createDeployment("demo", name(i), 1, container(name(i), "quay.io/acme/" + name(i) + ":1.0.0"));
			cluster.rolledOutForever("demo", name(i));
		});
		return cluster;
	}

	static String name(int i) {
		return "hot%02d".formatted(i);
	}

	@AfterAll
	static void close() {
		topics.close();
		receiver.close();
		cluster.close();
	}

	@Test
	void updatesEachDistinctTargetWithThePatchAndAtMostOneRead() {
		await()
			.until(() -> IntStream.range(0, TARGETS).allMatch((i) -> this.watch.cached("demo", name(i)).isPresent()));
		ApiRequests requests = cluster.requests();
		requests.reset();

		List<RegistryPush> pushes = IntStream.range(0, TARGETS)
			.mapToObj((i) -> push("quay.io/acme/" + name(i), "1.0.1"))
			.toList();
		pushes.forEach(topics::send);
		Set<String> eventIds = pushes.stream().map(RegistryPush::eventId).collect(Collectors.toSet());
		await().untilAsserted(() -> assertThat(topics.outcomes(eventIds)).hasSize(TARGETS)
			.extracting(DeploymentOutcome::result)
			.containsOnly(Result.UPDATED));

		assertThat(requests.count("PATCH", "deployments")).as(requests.toString()).isEqualTo(TARGETS);
		assertThat(requests.withoutWatches()).as(requests.toString()).isLessThanOrEqualTo(2L * TARGETS);
		System.out.println("hot-path: " + TARGETS + " updates, API requests " + requests);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		@Bean
		KubernetesClient mockKubernetesClient(Targets targets) {
			return ChartRole.client(cluster, targets);
		}

	}

}
