package io.tagrelay.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.Delivery;
import io.tagrelay.testing.webhook.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tagrelay.testing.cluster.SimulatedCluster.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API server goes down for a minute ({@code -Doutage.seconds}, 60 by default) while
 * pushes keep coming, with the worker's default outage budget (5 minutes): every push is
 * applied, or superseded by a greater tag that is, once the server is back; none is
 * dead-lettered or reported failed, and no {@code deployment.failed} webhook is sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "tagrelay.kafka.partitions=3", "spring.kafka.listener.concurrency=3",
				"tagrelay.cluster.retry.initial-interval=100ms", "tagrelay.cluster.retry.max-interval=1s" })
@EmbeddedKafka(partitions = 3, topics = "tagrelay.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ApiOutageIT {

	static final int TARGETS = 6;

	static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 60));

	static final SimulatedCluster cluster = SimulatedCluster.start();

	static final WebhookReceiver receiver = new WebhookReceiver();

	static WorkerTopics topics;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		for (int i = 0; i < TARGETS; i++) {
			TestTargets.register(registry, i, "quay.io/acme/app" + i, "app" + i, null, () -> receiver.url("/hooks"));
			// checks spent long before the outage ends: the wait resumes once it answers
			registry.add("tagrelay.targets[" + i + "].rollout.max-attempts", () -> "20");
		}
	}

	@BeforeAll
	static void start(@Autowired EmbeddedKafkaBroker broker, @Autowired KafkaTemplate<String, byte[]> kafka) {
		topics = new WorkerTopics(broker.getBrokersAsString(), kafka);
		for (int i = 0; i < TARGETS; i++) {
			cluster.createDeployment("demo", "app" + i, 2, container("app" + i, "quay.io/acme/app" + i + ":1.0.0"));
		}
	}

	@AfterAll
	static void stop() {
		topics.close();
		receiver.close();
		cluster.close();
	}

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void appliesEveryPushOnceTheApiServerIsBackAndDeadLettersNone() throws Exception {
		// a group that has settled, as a broker's initial rebalance delay makes it (the
		// embedded one has none): a poll revoked while it waits out the outage holds its
		// partition in this worker until the wait ends
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.listeners.getListenerContainer("events")
				.getAssignmentsByClientId()
				.values()
				.stream()
				.filter((assigned) -> assigned != null && assigned.size() == 1)
				.count() == 3);
		List<RegistryPush> pushes = new ArrayList<>();
		long end = System.nanoTime() + OUTAGE.plusSeconds(4).toNanos();
		boolean down = false;
		for (int n = 1; System.nanoTime() < end; n++) {
			if (!down && n == 5) {
				cluster.faults().outage(OUTAGE);
				down = true;
			}
			RegistryPush push = WorkerTopics.push("quay.io/acme/app" + (n % TARGETS), "1.0." + n);
			topics.send(push);
			pushes.add(push);
			Thread.sleep(250);
		}
		Set<String> eventIds = pushes.stream().map(RegistryPush::eventId).collect(Collectors.toSet());

		await().atMost(OUTAGE.plusMinutes(2))
			.untilAsserted(() -> assertThat(topics.outcomes(eventIds)).extracting(DeploymentOutcome::eventId)
				.containsAll(eventIds));
		List<DeploymentOutcome> outcomes = topics.outcomes(eventIds);
		assertThat(outcomes).extracting(DeploymentOutcome::result).doesNotContain(Result.FAILED);
		for (int i = 0; i < TARGETS; i++) {
			String repository = "quay.io/acme/app" + i;
			String greatest = pushes.stream()
				.filter((push) -> push.repository().equals(repository))
				.reduce((first, second) -> second)
				.orElseThrow()
				.tags()
				.get(0);
			assertThat(cluster.image("demo", "app" + i, "app" + i)).isEqualTo(repository + ":" + greatest);
		}
		assertThat(topics.records(WorkerTopics.EVENTS_DLT)).isEmpty();
		assertThat(receiver.received("/hooks")).extracting(Delivery::type).doesNotContain("deployment.failed");
		System.out.println("api-outage: " + OUTAGE.toSeconds() + "s, pushes=" + pushes.size() + " outcomes="
				+ outcomes.size() + " dead-lettered=0 failed=0");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		@Bean
		KubernetesClient mockKubernetesClient(Targets targets) {
			return ChartRole.client(cluster, targets);
		}

	}

}
