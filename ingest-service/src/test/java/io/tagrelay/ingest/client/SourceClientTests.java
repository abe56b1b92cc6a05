package io.tagrelay.ingest.client;

import java.time.Duration;
import java.util.List;

import io.tagrelay.ingest.EnqueuedEvents;
import io.tagrelay.ingest.ratelimit.RateLimitedIngestTest;
import io.tagrelay.model.event.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source's own token is that registry's proof: it authenticates the client named after
 * the source, on that source's webhook only.
 */
@RateLimitedIngestTest
class SourceClientTests {

	static final String PUSH = "{\"repository\":\"quay.io/acme/web\",\"tags\":[\"3.0.0\"]}";

	final EventCodec codec = new EventCodec();

	@Autowired
	MockMvcTester mvc;

	@RegisterExtension
	final EnqueuedEvents events = new EnqueuedEvents();

	@Test
	void namesTheClientOfASourcesOwnTokenAfterTheSource() {
		MvcTestResult accepted = post("/webhooks/generic", PUSH);

		assertThat(accepted).hasStatus(HttpStatus.ACCEPTED);
		String eventId = JsonMapper.shared()
			.readTree(accepted.getResponse().getContentAsByteArray())
			.get("eventId")
			.asString();
		List<ConsumerRecord<String, byte[]>> records = this.events
			.until((record) -> this.codec.readEvent(record.value()).eventId().equals(eventId), Duration.ofSeconds(10));
		assertThat(this.codec.readEvent(records.get(records.size() - 1).value()).client()).isEqualTo("generic");
	}

	@Test
	void provesNothingOutsideItsSourcesWebhook() {
		assertThat(post("/webhooks/quay", "{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"3.0.0\"]}"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(post("/deployment/demo/web/web", "{\"Image\":\"quay.io/acme/web:3.0.0\"}"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private MvcTestResult post(String path, String body) {
		return this.mvc.post().uri(path).with((request) -> {
			// an address of its own: its 401s must not block the other tests' callers
			request.setRemoteAddr("192.0.2.200");
			return request;
		})
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + RateLimitedIngestTest.GENERIC_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange(Duration.ofSeconds(10));
	}

}
