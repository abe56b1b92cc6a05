package io.tagrelay.ingest.ratelimit;

import java.time.Duration;
import java.util.List;

import io.tagrelay.ingest.EnqueuedEvents;
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
import static org.awaitility.Awaitility.await;

@RateLimitedIngestTest
class RateLimitTests {

	final EventCodec codec = new EventCodec();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RateLimits limits;

	@RegisterExtension
	final EnqueuedEvents events = new EnqueuedEvents();

	@Test
	void aFloodFromOneClientGets429WhileAnotherClientsPushesAreStillAccepted() {
		for (int i = 0; i < RateLimitedIngestTest.PER_CLIENT; i++) {
			assertThat(push("flood-token", "192.0.2.1")).hasStatus(HttpStatus.ACCEPTED);
		}
		MvcTestResult refused = push("flood-token", "192.0.2.1");

		assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.hasHeaderSatisfying(HttpHeaders.RETRY_AFTER,
					(values) -> assertThat(Long.parseLong(values.get(0))).isBetween(1L, 3600L));
		assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("client flood");
		// from another address too: the limit is the client's
		assertThat(push("flood-token", "192.0.2.2")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		MvcTestResult calm = push("calm-token", "192.0.2.1");
		assertThat(calm).hasStatus(HttpStatus.ACCEPTED);
		// one partition: the refused pushes would have been enqueued before this one
		String calmId = JsonMapper.shared()
			.readTree(calm.getResponse().getContentAsByteArray())
			.get("eventId")
			.asString();
		List<ConsumerRecord<String, byte[]>> records = this.events
			.until((record) -> this.codec.readEvent(record.value()).eventId().equals(calmId), Duration.ofSeconds(10));
		assertThat(records).extracting((record) -> this.codec.readEvent(record.value()).client())
			.containsExactly("flood", "flood", "flood", "flood", "flood", "calm");
	}

	@Test
	void badTokensFromOneAddressGet429EvenWithAGoodTokenUntilThePeriodIsOver() {
		for (int i = 0; i < RateLimitedIngestTest.FAILED_AUTH; i++) {
			assertThat(info("Bearer guess-" + i, "198.51.100.7")).hasStatus(HttpStatus.UNAUTHORIZED);
		}

		MvcTestResult refused = info("Bearer guesser-token", "198.51.100.7");
		assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 5L);
		assertThat(info("Bearer guesser-token", "198.51.100.8")).hasStatus(HttpStatus.OK);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(info("Bearer guesser-token", "198.51.100.7")).hasStatus(HttpStatus.OK));
	}

	@Test
	void remembersAtMostMaxAddresses() {
		for (int i = 0; i < 3 * RateLimitedIngestTest.MAX_ADDRESSES; i++) {
			assertThat(info("Bearer nope", "10.1." + (i / 250) + "." + (i % 250))).hasStatus(HttpStatus.UNAUTHORIZED);
		}

		assertThat(this.limits.addressesTracked()).isLessThanOrEqualTo(RateLimitedIngestTest.MAX_ADDRESSES);
	}

	private MvcTestResult push(String token, String address) {
		return this.mvc.post().uri("/webhooks/quay").with((request) -> {
			request.setRemoteAddr(address);
			return request;
		})
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"2.0.0\"]}")
			.exchange(Duration.ofSeconds(10));
	}

	private MvcTestResult info(String authorization, String address) {
		return this.mvc.get().uri("/info").with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

}
