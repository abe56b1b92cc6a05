package io.tagrelay.worker.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.worker.ChartRole;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static io.tagrelay.testing.cluster.SimulatedCluster.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker started before the ingest, on a broker without any topic (whose default for an
 * auto-created topic is one partition): the events topic gets the configured partition
 * count at once, and a push published afterwards, on its last partition, is applied.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.kafka.partitions=" + EventsTopicIT.PARTITIONS,
				"tagrelay.targets[0].repository=quay.io/acme/first", "tagrelay.targets[0].namespace=demo",
				"tagrelay.targets[0].deployment=first", "tagrelay.targets[0].rollout.initial-interval=10ms",
				"tagrelay.targets[0].rollout.max-interval=50ms", "tagrelay.targets[0].rollout.max-attempts=200" })
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class EventsTopicIT {

	static final int PARTITIONS = 3;

	static final SimulatedCluster cluster = SimulatedCluster.start();

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	ConsumerFactory<?, ?> consumers;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	EventCodec codec;

	@AfterAll
	static void close() {
		cluster.close();
	}

	@Test
	void aWorkerStartedFirstCreatesTheEventsTopicWithTheConfiguredPartitionsAndConsumesAPushPublishedLater()
			throws Exception {
		cluster.createDeployment("demo", "first", 2, container("first", "quay.io/acme/first:1.0.0"));
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			assertThat(admin.describeTopics(Set.of("tagrelay.events"))
				.allTopicNames()
				.get()
				.get("tagrelay.events")
				.partitions()).hasSize(PARTITIONS);
		}
		assertThat(this.consumers.getConfigurationProperties())
			.containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.listeners.getListenerContainer("events").getAssignedPartitions())
				.hasSize(PARTITIONS));

		RegistryPush push = new RegistryPush(EventIds.next(), "quay.io/acme/first", List.of("1.1.0"), "quay",
				Instant.now());
		// on the last partition, which a topic auto-created with the broker's default
		// (one partition) would not have had
		this.kafka.send("tagrelay.events", PARTITIONS - 1, push.repository(), this.codec.write(push)).join();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(cluster.image("demo", "first", "first")).isEqualTo("quay.io/acme/first:1.1.0"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		@Bean
		KubernetesClient mockKubernetesClient(Targets targets) {
			return ChartRole.client(cluster, targets);
		}

	}

}
