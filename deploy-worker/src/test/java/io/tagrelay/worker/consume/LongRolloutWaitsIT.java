package io.tagrelay.worker.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.RolloutFate;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.WebhookReceiver;
import io.tagrelay.worker.ChartRole;
import io.tagrelay.worker.TestTargets;
import io.tagrelay.worker.WorkerTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tagrelay.testing.cluster.SimulatedCluster.container;
import static io.tagrelay.worker.WorkerTopics.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Twenty targets follow one repository whose new image never becomes ready: one push
 * makes twenty rollout waits of about ten seconds each, half of them at a time
 * ({@code tagrelay.cluster.concurrent-updates=10}), so handling it takes four times the
 * consumer's {@code max.poll.interval.ms}. A worker that waited on the consumer thread
 * was evicted from the group, the push delivered again, for ever; here the consumer keeps
 * polling (its partition paused), keeps its partition, and commits the push once its
 * twenty outcomes are published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { "tagrelay.kafka.partitions=1",
		// one member: a second one joining late would rebalance the group by itself
		"spring.kafka.listener.concurrency=1",
		"spring.kafka.consumer.properties[max.poll.interval.ms]=" + LongRolloutWaitsIT.MAX_POLL_INTERVAL_MS,
		"tagrelay.cluster.concurrent-updates=10" })
@EmbeddedKafka(partitions = 1, topics = "tagrelay.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class LongRolloutWaitsIT {

	static final int MAX_POLL_INTERVAL_MS = 5000;

	static final int TARGETS = 20;

	static final String REPOSITORY = "quay.io/acme/fleet";

	static final SimulatedCluster cluster = cluster();

	static final WebhookReceiver receiver = new WebhookReceiver();

	static WorkerTopics topics;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	EmbeddedKafkaBroker broker;

	// each wait: 7 checks 1s, 1.5s, then 2s apart (10.5 s), then FAILED
	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		for (int i = 0; i < TARGETS; i++) {
			String prefix = "tagrelay.targets[" + i + "].";
			TestTargets.register(registry, i, REPOSITORY, "fleet-" + i, null, () -> receiver.url("/fleet"));
			registry.add(prefix + "rollout.max-attempts", () -> "7");
			registry.add(prefix + "rollout.initial-interval", () -> "1s");
			registry.add(prefix + "rollout.max-interval", () -> "2s");
		}
		TestTargets.register(registry, TARGETS, "quay.io/acme/bystander", "bystander", null,
				() -> receiver.url("/bystander"));
	}

	static SimulatedCluster cluster() {
		SimulatedCluster cluster = SimulatedCluster.start();
		for (int i = 0; i < TARGETS; i++) {
			cluster.createDeployment("demo", "fleet-" + i, 2, container("app", REPOSITORY + ":1.0.0"));
			cluster.controller().fate("demo", "fleet-" + i, RolloutFate.STALLS);
		}
		cluster.createDeployment("demo", "bystander", 2, container("bystander", "quay.io/acme/bystander:1.0.0"));
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
	}

	@Test
	void awaitsTwentyCrashLoopingRolloutsWithoutARebalanceAndCommitsThePushOnceEveryOutcomeIsPublished()
			throws Exception {
		MessageListenerContainer events = this.listeners.getListenerContainer(EventListener.ID);
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.getAssignedPartitions().isEmpty());
		double rebalances = rebalances(events);
		RegistryPush push = push(REPOSITORY, "1.1.0");
		long start = System.nanoTime();

		topics.send(push);

		await().atMost(Duration.ofSeconds(60)).until(() -> !topics.outcomes(push).isEmpty());
		assertThat(committed()).as("offset committed while rollouts are still awaited").isZero();
		// queued behind the push on its partition: handled once the push is
		RegistryPush bystander = push("quay.io/acme/bystander", "1.1.0");
		topics.send(bystander);
		// until the push is committed, or (the consumer evicted) delivered again
		await().atMost(Duration.ofSeconds(90)).until(() -> committed() == 2 || topics.outcomes(push).size() > TARGETS);
		long tookMs = (System.nanoTime() - start) / 1_000_000;
		List<DeploymentOutcome> outcomes = topics.outcomes(push);
		assertThat(outcomes).hasSize(TARGETS)
			.allSatisfy((outcome) -> assertThat(outcome.result()).isEqualTo(Result.FAILED))
			.extracting((outcome) -> outcome.target().deployment())
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, TARGETS).mapToObj((i) -> "fleet-" + i).toList());
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.reason()).contains("rollout not complete"));
		assertThat(tookMs).as("the waits outlast the poll interval").isGreaterThan(3L * MAX_POLL_INTERVAL_MS);
		assertThat(rebalances(events)).as("rebalances").isEqualTo(rebalances);
		await().untilAsserted(() -> assertThat(topics.outcomes(bystander)).isNotEmpty());
		List<String> order = topics.outcomes(Set.of(push.eventId(), bystander.eventId()))
			.stream()
			.map(DeploymentOutcome::eventId)
			.toList();
		assertThat(order).as("the bystander after every outcome of the push")
			.hasSize(TARGETS + 1)
			.last()
			.isEqualTo(bystander.eventId());
		assertThat(topics.outcomes(bystander)).singleElement()
			.extracting(DeploymentOutcome::result)
			.isEqualTo(Result.UPDATED);
		System.out.println("long-rollout-waits: targets=" + TARGETS + " outcomes=" + outcomes.size() + " took=" + tookMs
				+ "ms max.poll.interval.ms=" + MAX_POLL_INTERVAL_MS + " rebalances=" + (rebalances(events) - rebalances)
				+ " committed=" + committed());
	}

	// the committed offset of the group's one partition (0 before any commit)
	private long committed() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("tagrelay-worker")
				.partitionsToOffsetAndMetadata()
				.get();
			OffsetAndMetadata committed = offsets.get(new TopicPartition(WorkerTopics.EVENTS, 0));
			return (committed != null) ? committed.offset() : 0;
		}
	}

	// the group rebalances the consumer took part in, from its own metrics
	private static double rebalances(MessageListenerContainer container) {
		return container.metrics()
			.values()
			.stream()
			.flatMap((metrics) -> metrics.entrySet().stream())
			.filter((entry) -> isRebalanceTotal(entry.getKey()))
			.map(Map.Entry::getValue)
			.mapToDouble((metric) -> ((Number) ((Metric) metric).metricValue()).doubleValue())
			.sum();
	}

	private static boolean isRebalanceTotal(MetricName name) {
		return name.name().equals("rebalance-total") && name.group().equals("consumer-coordinator-metrics");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		@Bean
		KubernetesClient mockKubernetesClient(Targets targets) {
			return ChartRole.client(cluster, targets);
		}

	}

}
