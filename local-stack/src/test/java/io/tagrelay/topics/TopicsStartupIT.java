package io.tagrelay.topics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tagrelay.local.LocalStack;
import io.tagrelay.local.LocalStackOptions;
import io.tagrelay.local.Services;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The real services on a broker that auto-creates topics: with
 * {@code tagrelay.kafka.create-topics=false} a missing topic stops start-up naming it
 * (and the broker gets no topic), and the ingest's readers see partitions an
 * administrator adds within seconds.
 */
@ExtendWith(OutputCaptureExtension.class)
class TopicsStartupIT {

	static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 3);
		broker.brokerProperty("auto.create.topics.enable", "true");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void theIngestStopsNamingTheMissingTopicsItMayNotCreate(CapturedOutput output) throws Exception {
		createTopics(new NewTopic("i.events", 6, (short) 1));
		Services services = services("i.", "--tagrelay.kafka.create-topics=false");

		assertThatException().isThrownBy(services::startIngest);

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Kafka topic 'i.results' does not exist, and tagrelay.kafka.create-topics=false")
			.contains("Kafka topic 'i.state' does not exist")
			.doesNotContain("Kafka topic 'i.events' does not exist");
		assertThat(topics()).contains("i.events").doesNotContain("i.results", "i.state");
	}

	@Test
	void theWorkerStopsNamingTheMissingTopicsItMayNotCreate(CapturedOutput output) throws Exception {
		Services services = services("w.", "--tagrelay.kafka.create-topics=false");

		assertThatException().isThrownBy(services::startWorker);

		assertThat(output).contains("APPLICATION FAILED TO START");
		for (String topic : List.of("events", "events-dlt", "results", "state", "webhooks-dlt")) {
			assertThat(output).contains("Kafka topic 'w." + topic + "' does not exist");
		}
		assertThat(topics()).noneMatch((topic) -> topic.startsWith("w."));
	}

	@Test
	void theIngestSeesAStateOnAPartitionAddedAfterItStarted() throws Exception {
		Services services = services("p.", "--tagrelay.kafka.partitions=2");
		try (ConfigurableApplicationContext ingest = services.startIngest()) {
			int port = ingest.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			try (Admin admin = admin()) {
				admin.createPartitions(Map.of("p.state", NewPartitions.increaseTo(4))).all().get(10, TimeUnit.SECONDS);
			}
			TargetRef web = new TargetRef("demo", "web", "web");
			send("p.state", 3, web.key(), new EventCodec().write(new TargetState(web, LocalStack.REPOSITORY,
					LocalStack.REPOSITORY + ":2.0.0", 1, 1, 1, Instant.now())));

			// within seconds, not within the consumer's default metadata age (5 minutes)
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(get(port, "/deployment/demo/web/web")).contains(":2.0.0"));
		}
	}

	private static Services services(String prefix, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--ingest-port=0", "--worker-port=0", "--receiver-port=0"));
		for (String topic : List.of("events", "events-dlt", "results", "state", "webhooks-dlt")) {
			arguments.add("--tagrelay.kafka.topics." + topic + "=" + prefix + topic);
		}
		arguments.addAll(List.of(more));
		return new Services(broker.getBrokersAsString(), 1, LocalStackOptions.parse(arguments.toArray(String[]::new)));
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
	}

	private static void createTopics(NewTopic... topics) throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(topics)).all().get(10, TimeUnit.SECONDS);
		}
	}

	private static Set<String> topics() throws Exception {
		try (Admin admin = admin()) {
			return admin.listTopics().names().get(10, TimeUnit.SECONDS);
		}
	}

	private static void send(String topic, int partition, String key, byte[] value) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, partition, key, value)).get(10, TimeUnit.SECONDS);
		}
	}

	private static String get(int port, String path) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString(("relay:" + LocalStack.TOKEN).getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Authorization", "Basic " + basic)
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
