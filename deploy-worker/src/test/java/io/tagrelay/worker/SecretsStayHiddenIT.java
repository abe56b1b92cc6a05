package io.tagrelay.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.worker.config.WebhookProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static io.tagrelay.worker.MockCluster.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run of the worker that signs a webhook with its secret, after a first delivery the
 * receiver refuses, with a Kafka SASL password in its client configuration: neither the
 * secret, nor its key, nor the password appears in the log output from start-up on, in an
 * actuator answer, or in the configuration record's {@code toString}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayHiddenIT {

	static final String KEY = "workerSigningKey7d1c9e";

	static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));

	static final String KAFKA_PASSWORD = "kafkaPw5e2b8d0f41";

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
	void noSecretInLogsActuatorOutputOrToString(CapturedOutput output) throws Exception {
		receiver.failFirst("/hook", 1, 500);
		produce(new RegistryPush(EventIds.next(), "quay.io/acme/hello", List.of("1.0.0"), "quay", Instant.now()));

		worker = new SpringApplicationBuilder(WorkerApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("mockClient", cluster.client()))
			.run("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0",
					"--tagrelay.kafka.partitions=1", "--uk.repo=quay.io/acme/hello", "--uk.deployment=hello",
					"--uk.webhook=" + receiver.url("/hook"), "--tagrelay.webhook.secret=" + SECRET,
					"--tagrelay.webhook.initial-interval=10ms",
					"--spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
							+ " required username=\"relay\" password=\"" + KAFKA_PASSWORD + "\";",
					"--logging.level.org.apache.kafka.common.config=INFO", "--logging.level.io.tagrelay=DEBUG");

		await().untilAsserted(() -> assertThat(receiver.received("/hook")).hasSize(1));
		assertThat(receiver.attempts("/hook")).isEqualTo(2);
		assertThat(receiver.received("/hook").get(0).signature()).as("signed with the secret").startsWith("v1,");
		List<String> answers = new ArrayList<>();
		String port = worker.getEnvironment().getProperty("local.server.port");
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
				"/actuator/prometheus", "/actuator/info", "/actuator/env", "/actuator/configprops")) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
			answers.add(response.headers().map() + " " + response.body());
		}
		String properties = worker.getBean(WebhookProperties.class).toString();

		for (String secret : List.of(SECRET, KEY, SECRET.substring("whsec_".length()), KAFKA_PASSWORD)) {
			assertThat(output.getAll()).as("log output").doesNotContain(secret);
			assertThat(answers).as("actuator answers").noneMatch((answer) -> answer.contains(secret));
			assertThat(properties).doesNotContain(secret);
		}
		assertThat(output.getAll()).as("the run logged, so the check above means something")
			.contains("sasl.jaas.config = [hidden]");
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
