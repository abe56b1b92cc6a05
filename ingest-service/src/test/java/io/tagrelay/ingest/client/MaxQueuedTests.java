package io.tagrelay.ingest.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tagrelay.ingest.EnqueuedEvents;
import io.tagrelay.ingest.IngestTest;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.testing.kafka.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client {@code queued} of {@link IngestTest} may have 2 events pending.
 */
@IngestTest
class MaxQueuedTests {

	final EventCodec codec = new EventCodec();

	@Autowired
	MockMvcTester mvc;

	// the broker of this context: spring.kafka.bootstrap-servers is a system property
	// that the broker started last sets
	@Autowired
	EmbeddedKafkaBroker broker;

	@RegisterExtension
	final EnqueuedEvents events = new EnqueuedEvents();

	@Test
	void refusesAClientsEventBeyondMaxQueuedWith429UntilAnOutcomeArrives() {
		String first = eventId(push());
		eventId(push());

		MvcTestResult refused = push();
		assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.RETRY_AFTER, "30");
		assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("queued", "max-queued");
		// the other clients are not affected
		String sentinel = eventId(push(IngestTest.BEARER));
		List<ConsumerRecord<String, byte[]>> records = this.events
			.until((record) -> this.codec.readEvent(record.value()).eventId().equals(sentinel), Duration.ofSeconds(10));
		assertThat(records).extracting((record) -> this.codec.readEvent(record.value()).client())
			.containsExactly("queued", "queued", "default");

		publishOutcome(first);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(push()).hasStatus(HttpStatus.ACCEPTED));
	}

	private void publishOutcome(String eventId) {
		TargetRef container = new TargetRef("demo", "shared-b", "app");
		DeploymentOutcome outcome = new DeploymentOutcome(eventId, Result.UPDATED, container, "quay.io/acme/shared",
				"quay.io/acme/shared:1.0.0", "quay.io/acme/shared:2.0.0", "2.0.0", null, null, Instant.now(),
				Instant.now(), Instant.now());
		TopicWriter.send(this.broker.getBrokersAsString(), "tagrelay.results", container.key(),
				this.codec.write(outcome));
	}

	private MvcTestResult push() {
		return push("Bearer " + IngestTest.QUEUED);
	}

	private MvcTestResult push(String authorization) {
		return this.mvc.post()
			.uri("/webhooks/quay")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"docker_url\":\"quay.io/acme/shared\",\"updated_tags\":[\"2.0.0\"]}")
			.exchange(Duration.ofSeconds(10));
	}

	private static String eventId(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return JsonMapper.shared().readTree(result.getResponse().getContentAsByteArray()).get("eventId").asString();
	}

}
