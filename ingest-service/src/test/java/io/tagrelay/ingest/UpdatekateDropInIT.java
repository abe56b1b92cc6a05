package io.tagrelay.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest started as updatekate was: only Kafka, the {@code UK_*} variables and the
 * ingest token, called the way Quay calls it.
 */
@EmbeddedKafka
class UpdatekateDropInIT {

	@Test
	void acceptsQuayPushWithCredentialsInTheUrlGivenOnlyUpdatekateVariables(EmbeddedKafkaBroker broker)
			throws Exception {
		try (ConfigurableApplicationContext ingest = new SpringApplicationBuilder(IngestApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--uk.repo=quay.io/acme/web",
				"--uk.deployment=web", "--uk.namespace=demo", "--tagrelay.ingest.tokens=s3cret", "--server.port=0")) {
			int port = ((WebServerApplicationContext) ingest).getWebServer().getPort();
			try (TopicReader events = TopicReader.fromEnd(broker.getBrokersAsString(), "tagrelay.events")) {
				HttpResponse<String> response = quayPush(port);

				assertThat(response.statusCode()).isEqualTo(202);
				String eventId = JsonMapper.shared().readTree(response.body()).get("eventId").asString();
				EventCodec codec = new EventCodec();
				List<ConsumerRecord<String, byte[]>> records = events.until(
						(record) -> codec.readEvent(record.value()).eventId().equals(eventId), Duration.ofSeconds(20));
				ConsumerRecord<String, byte[]> record = records.get(records.size() - 1);
				assertThat(record.key()).isEqualTo("quay.io/acme/web");
				assertThat(((RegistryPush) codec.readEvent(record.value())).tags()).containsExactly("1.2.0", "latest");
			}
		}
	}

	/** What Quay sends for {@code http://relay:s3cret@host/webhook}. */
	private static HttpResponse<String> quayPush(int port) throws Exception {
		String credentials = Base64.getEncoder().encodeToString("relay:s3cret".getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"repository":"acme/web","namespace":"acme","name":"web","docker_url":"quay.io/acme/web",\
					"homepage":"https://quay.io/repository/acme/web","updated_tags":["1.2.0","latest"]}"""))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
