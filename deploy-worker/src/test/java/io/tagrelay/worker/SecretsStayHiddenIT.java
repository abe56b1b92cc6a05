package io.tagrelay.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.tagrelay.worker.config.WebhookProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

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

	static final StandaloneWorker run = new StandaloneWorker();

	@AfterAll
	static void stop() {
		run.close();
	}

	@Test
	void noSecretInLogsActuatorOutputOrToString(CapturedOutput output) throws Exception {
		run.receiver.failFirst("/hook", 1, 500);
		run.publish(WorkerTopics.push("quay.io/acme/hello", "1.0.0"));

		ConfigurableApplicationContext worker = run.start("--uk.webhook=" + run.receiver.url("/hook"),
				"--tagrelay.webhook.secret=" + SECRET, "--tagrelay.webhook.initial-interval=10ms",
				"--spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
						+ " required username=\"relay\" password=\"" + KAFKA_PASSWORD + "\";",
				"--logging.level.org.apache.kafka.common.config=INFO", "--logging.level.io.tagrelay=DEBUG");

		await().untilAsserted(() -> assertThat(run.receiver.received("/hook")).hasSize(1));
		assertThat(run.receiver.attempts("/hook")).isEqualTo(2);
		assertThat(run.receiver.received("/hook").get(0).signature()).as("signed with the secret").startsWith("v1,");
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

}
