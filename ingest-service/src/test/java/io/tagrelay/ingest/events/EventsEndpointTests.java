package io.tagrelay.ingest.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tagrelay.ingest.IngestTest;
import io.tagrelay.ingest.state.TargetStateView;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.kafka.TopicWriter;
import org.junit.jupiter.api.Test;
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
 * {@code GET /events/{eventId}} against the whole ingest and a real broker; the worker's
 * outcomes and states are published on their topics as the worker publishes them.
 */
@IngestTest
class EventsEndpointTests {

	static final TargetRef WEB = new TargetRef("demo", "web", "web");

	final EventCodec codec = new EventCodec();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	TargetStateView states;

	@Autowired
	Targets targets;

	// the broker of this context: spring.kafka.bootstrap-servers is a system property
	// that the broker started last sets
	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void anImageRequestIsPendingUntilItsOutcomeArrivesThenDone() {
		MvcTestResult accepted = setImage("quay.io/acme/web:3.0.0");
		String eventId = eventId(accepted);
		assertThat(accepted).hasStatus(HttpStatus.ACCEPTED).hasHeader(HttpHeaders.LOCATION, "/events/" + eventId);

		MvcTestResult pending = get("/events/" + eventId);
		assertThat(pending).hasStatus(HttpStatus.OK).hasHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		assertThat(pending).bodyJson().isEqualTo("""
				{"eventId":"%s","status":"pending","outcomes":[]}""".formatted(eventId));

		publishOutcome(outcome(eventId, WEB, "quay.io/acme/web", "quay.io/acme/web:3.0.0"));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			MvcTestResult done = get("/events/" + eventId);
			assertThat(done).hasStatus(HttpStatus.OK).hasHeader(HttpHeaders.CACHE_CONTROL, "max-age=3600, private");
			assertThat(done).bodyJson()
				.isLenientlyEqualTo("""
						{"eventId":"%s","status":"done","outcomes":[{"namespace":"demo","deployment":"web",\
						"container":"web","result":"UPDATED","image":"quay.io/acme/web:3.0.0",\
						"previousImage":"quay.io/acme/web:1.0.0","tag":"3.0.0","reason":null,"rolledBack":null}]}"""
					.formatted(eventId));
			assertThat(done).bodyJson().extractingPath("$.outcomes[0].finishedAt").isNotNull();
		});
	}

	@Test
	void aPushIsDoneOnlyOnceEveryContainerItConcernsHasItsOutcome() {
		// demo/api names no container: the worker manages each one from the repository
		TargetRef api = new TargetRef("demo", "api", "api");
		TargetRef worker = new TargetRef("demo", "api", "worker");
		publishState(new TargetState(api, "quay.io/acme/api", "quay.io/acme/api:1.0.0", 1, 1, 1, Instant.now()));
		publishState(new TargetState(worker, "quay.io/acme/api", "quay.io/acme/api:1.0.0", 1, 1, 1, Instant.now()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.states.find(worker).isPresent());
		MvcTestResult accepted = push("""
				{"docker_url":"quay.io/acme/api","updated_tags":["2.0.0"]}""");
		String eventId = eventId(accepted);
		assertThat(accepted).hasStatus(HttpStatus.ACCEPTED).hasHeader(HttpHeaders.LOCATION, "/events/" + eventId);

		publishOutcome(outcome(eventId, api, "quay.io/acme/api", "quay.io/acme/api:2.0.0"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/events/" + eventId)).bodyJson()
				.extractingPath("$.outcomes[*].container")
				.isEqualTo(List.of("api")));
		assertThat(get("/events/" + eventId)).bodyJson().extractingPath("$.status").isEqualTo("pending");

		// every other container of demo/api the worker reported (other tests add some)
		this.states.of(this.targets.all().get(1))
			.stream()
			.filter(TargetState::exists)
			.filter((state) -> !state.target().equals(api))
			.forEach((state) -> publishOutcome(
					outcome(eventId, state.target(), "quay.io/acme/api", "quay.io/acme/api:2.0.0")));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/events/" + eventId)).bodyJson()
				.extractingPath("$.status")
				.isEqualTo("done"));
	}

	@Test
	void anEventAcceptedByAnotherReplicaIsPendingHereToo() {
		RegistryPush push = new RegistryPush(EventIds.next(), "quay.io/acme/web", List.of("3.1.0"), "quay",
				Instant.now());
		TopicWriter.send(this.broker.getBrokersAsString(), "tagrelay.events", push.repository(),
				this.codec.write(push));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/events/" + push.eventId())).hasStatus(HttpStatus.OK)
				.bodyJson()
				.extractingPath("$.status")
				.isEqualTo("pending"));

		publishOutcome(outcome(push.eventId(), WEB, "quay.io/acme/web", "quay.io/acme/web:3.1.0"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/events/" + push.eventId())).bodyJson()
				.extractingPath("$.status")
				.isEqualTo("done"));
	}

	@Test
	void anUnknownEventIs404Problem() {
		MvcTestResult result = get("/events/" + EventIds.next());

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("no event evt_");
	}

	@Test
	void aMalformedEventIdIs400Problem() {
		assertThat(get("/events/" + "a".repeat(101))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(get("/events/evt$1")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void anUnauthenticatedCallerIs401() {
		assertThat(this.mvc.get().uri("/events/" + EventIds.next()).exchange()).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private MvcTestResult get(String path) {
		return this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER).exchange();
	}

	private MvcTestResult setImage(String image) {
		return this.mvc.post()
			.uri("/deployment/demo/web/web")
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"Image\":\"" + image + "\"}")
			.exchange(Duration.ofSeconds(10));
	}

	private MvcTestResult push(String payload) {
		return this.mvc.post()
			.uri("/webhook")
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(payload)
			.exchange(Duration.ofSeconds(10));
	}

	private static String eventId(MvcTestResult result) {
		return JsonMapper.shared().readTree(result.getResponse().getContentAsByteArray()).get("eventId").asString();
	}

	private static DeploymentOutcome outcome(String eventId, TargetRef target, String repository, String image) {
		return new DeploymentOutcome(eventId, Result.UPDATED, target, repository, repository + ":1.0.0", image,
				image.substring(image.lastIndexOf(':') + 1), null, null, Instant.now(), Instant.now(), Instant.now());
	}

	private void publishOutcome(DeploymentOutcome outcome) {
		TopicWriter.send(this.broker.getBrokersAsString(), "tagrelay.results", outcome.target().key(),
				this.codec.write(outcome));
	}

	private void publishState(TargetState state) {
		TopicWriter.send(this.broker.getBrokersAsString(), "tagrelay.state", state.target().key(),
				this.codec.write(state));
	}

}
