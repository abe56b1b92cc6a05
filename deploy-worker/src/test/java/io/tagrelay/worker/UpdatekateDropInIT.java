package io.tagrelay.worker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static io.tagrelay.worker.MockCluster.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker configured as updatekate was, with only {@code UK_*} variables, Kafka and
 * the cluster: a push queued while the worker is not running is applied once it starts,
 * the rollout is awaited (one available replica) and the webhook is POSTed to
 * {@code UK_WEBHOOK}.
 */
class UpdatekateDropInIT {

	static final EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "tagrelay.events");

	static final MockCluster cluster = new MockCluster();

	static WebhookReceiver receiver;

	static ConfigurableApplicationContext worker;

	@BeforeAll
	static void start() throws Exception {
		broker.afterPropertiesSet();
		receiver = new WebhookReceiver();
		cluster.create("default", "hello", container("hello", "quay.io/acme/hello:0.5.0"));
	}

	@AfterAll
	static void stop() {
		if (worker != null) {
			worker.close();
		}
		receiver.close();
		cluster.close();
		broker.destroy();
	}

	@Test
	void appliesAPushQueuedBeforeStartAndCallsTheUpdatekateWebhook() throws Exception {
		RegistryPush push = new RegistryPush(EventIds.next(), "quay.io/acme/hello", List.of("0.4.0", "1.0.0", "latest"),
				"quay", Instant.now());
		produce(push);

		worker = new SpringApplicationBuilder(WorkerApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("mockClient", cluster.client()))
			.run("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0",
					"--tagrelay.kafka.partitions=1", "--uk.repo=quay.io/acme/hello", "--uk.deployment=hello",
					"--uk.webhook=" + receiver.url("/uk"));

		await().untilAsserted(() -> assertThat(receiver.received("/uk")).hasSize(1));
		assertThat(cluster.image("default", "hello", "hello")).isEqualTo("quay.io/acme/hello:1.0.0");
		JsonNode body = JsonMapper.builder().build().readTree(receiver.received("/uk").get(0).body());
		assertThat(body.path("type").asString()).isEqualTo("deployment.updated");
		assertThat(body.path("eventId").asString()).isEqualTo(push.eventId());
		assertThat(body.path("namespace").asString()).isEqualTo("default");
		assertThat(body.path("deployment").asString()).isEqualTo("hello");
		assertThat(body.path("container").asString()).isEqualTo("hello");
		assertThat(body.path("repository").asString()).isEqualTo("quay.io/acme/hello");
		assertThat(body.path("previousImage").asString()).isEqualTo("quay.io/acme/hello:0.5.0");
		assertThat(body.path("image").asString()).isEqualTo("quay.io/acme/hello:1.0.0");
		assertThat(body.path("tag").asString()).isEqualTo("1.0.0");
		assertThat(receiver.received("/uk").get(0).signature()).as("no secret, no signature").isNull();
	}

	private static void produce(RegistryPush push) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>("tagrelay.events", push.repository(), new EventCodec().write(push)))
				.get();
		}
	}

}
