package io.tagrelay.ingest.deployment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.ingest.EnqueuedEvents;
import io.tagrelay.ingest.IngestTest;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.testing.kafka.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IngestTest
class DeploymentEndpointTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static final TargetRef WEB = new TargetRef("demo", "web", "web");

	final EventCodec codec = new EventCodec();

	@Autowired
	MockMvcTester mvc;

	// the broker of this context: spring.kafka.bootstrap-servers is a system property
	// that the broker started last sets
	@Autowired
	EmbeddedKafkaBroker broker;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@RegisterExtension
	final EnqueuedEvents events = new EnqueuedEvents();

	@Test
	void answersWithTheImageTheWorkerPublished() {
		publishState(new TargetState(WEB, "quay.io/acme/web", "quay.io/acme/web:1.4.0", 1, 1, 1, Instant.now()));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/deployment/demo/web/web")).hasStatus(HttpStatus.OK)
				.bodyJson()
				.isEqualTo("""
						{"Namespace":"demo","Deployment":"web","Container":"web","Image":"quay.io/acme/web:1.4.0"}"""));
	}

	@Test
	void answers503WithRetryAfterWhileStateIsNotYetKnown() {
		MvcTestResult result = get("/deployment/demo/api/not-reported-yet");

		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.RETRY_AFTER, "5");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("state not yet known");
	}

	@Test
	void answers404WhenTheWorkerFoundNoSuchContainer() {
		TargetRef gone = new TargetRef("demo", "api", "gone");
		publishState(new TargetState(gone, "quay.io/acme/api", null, 0, 0, 0, Instant.now()));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/deployment/demo/api/gone")).hasStatus(HttpStatus.NOT_FOUND));
	}

	@Test
	void answers404ProblemForUnconfiguredTarget() {
		assertThat(get("/deployment/demo/other/web")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(post("/deployment/demo/web/sidecar", "quay.io/acme/web:2.0.0")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void answers400ProblemForNamesThatAreNotDns1123() {
		assertThat(get("/deployment/Demo/web/web")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(post("/deployment/demo/web_1/web", "quay.io/acme/web:2.0.0")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void enqueuesImageRequestKeyedByRepository() {
		MvcTestResult result = post("/deployment/demo/web/web", "quay.io/acme/web:2.0.0");

		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		String eventId = JsonMapper.shared()
			.readTree(result.getResponse().getContentAsByteArray())
			.get("eventId")
			.asString();
		assertThat(result).hasHeader(HttpHeaders.LOCATION, "/events/" + eventId);
		ConsumerRecord<String, byte[]> record = eventRecord(eventId);
		assertThat(record.key()).isEqualTo("quay.io/acme/web");
		assertThat(this.codec.readEvent(record.value())).isInstanceOfSatisfying(ImageRequest.class, (request) -> {
			assertThat(request.target()).isEqualTo(WEB);
			assertThat(request.image()).isEqualTo("quay.io/acme/web:2.0.0");
		});
	}

	@Test
	void refusesImageFromAnotherRepositoryWith422() {
		assertThat(post("/deployment/demo/web/web", "quay.io/evil/miner:1.0.0"))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(post("/deployment/demo/web/web", "quay.io/acme/web")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void waitsForTheRolloutAndAnswersWithTheNewImage() throws Exception {
		CompletableFuture<HttpResponse<String>> response = postAndWait("quay.io/acme/web:2.1.0", "");
		ImageRequest request = (ImageRequest) this.codec.readEvent(eventRecord(null).value());

		publishOutcome(outcome(request, Result.UPDATED, null));

		HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(json(answer).get("Image").asString()).isEqualTo("quay.io/acme/web:2.1.0");
		assertThat(json(answer).get("Container").asString()).isEqualTo("web");
	}

	@Test
	void waitAnswers502ProblemWithTheReasonWhenTheRolloutFailed() throws Exception {
		CompletableFuture<HttpResponse<String>> response = postAndWait("quay.io/acme/web:2.2.0", "");
		ImageRequest request = (ImageRequest) this.codec.readEvent(eventRecord(null).value());

		publishOutcome(outcome(request, Result.FAILED, "ProgressDeadlineExceeded"));

		HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(502);
		assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
		assertThat(json(answer).get("detail").asString()).isEqualTo("ProgressDeadlineExceeded");
		assertThat(json(answer).get("eventId").asString()).isEqualTo(request.eventId());
	}

	@Test
	void waitAnswers200WhenSkippedBecauseAlreadyOnThatImage() throws Exception {
		CompletableFuture<HttpResponse<String>> response = postAndWait("quay.io/acme/web:2.3.0", "");
		ImageRequest request = (ImageRequest) this.codec.readEvent(eventRecord(null).value());

		publishOutcome(outcome(request, Result.SKIPPED, "already running quay.io/acme/web:2.3.0"));

		assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void waitAnswers504ProblemWhenNoOutcomeArrivesInTime() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> answer = postAndWait("quay.io/acme/web:2.4.0", "&timeout=1s").get(10, TimeUnit.SECONDS);

		assertThat(answer.statusCode()).isEqualTo(504);
		String eventId = json(answer).get("eventId").asString();
		assertThat(eventId).startsWith("evt_");
		assertThat(answer.headers().firstValue(HttpHeaders.LOCATION)).hasValue("/events/" + eventId);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aWaiterIsFreedOnceAnswered() throws Exception {
		double before = waiters();
		CompletableFuture<HttpResponse<String>> response = postAndWait("quay.io/acme/web:2.5.0", "");
		ImageRequest request = (ImageRequest) this.codec.readEvent(eventRecord(null).value());
		assertThat(waiters()).isEqualTo(before + 1);

		publishOutcome(outcome(request, Result.UPDATED, null));

		assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> waiters() == before);
	}

	private double waiters() {
		return this.meters.get("tagrelay.ingest.waiters").gauge().value();
	}

	private MvcTestResult get(String path) {
		return this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER).exchange();
	}

	private MvcTestResult post(String path, String image) {
		return this.mvc.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"Image\":\"" + image + "\"}")
			.exchange(Duration.ofSeconds(10));
	}

	private CompletableFuture<HttpResponse<String>> postAndWait(String image, String extraQuery) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/deployment/demo/web/web?wait=true" + extraQuery))
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString("{\"Image\":\"" + image + "\"}"))
			.build();
		return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The record of an event, or (eventId null) the next image request enqueued. */
	private ConsumerRecord<String, byte[]> eventRecord(String eventId) {
		List<ConsumerRecord<String, byte[]>> records = this.events.until((record) -> {
			var event = this.codec.readEvent(record.value());
			return (eventId != null) ? event.eventId().equals(eventId) : event instanceof ImageRequest;
		}, Duration.ofSeconds(10));
		return records.get(records.size() - 1);
	}

	private static DeploymentOutcome outcome(ImageRequest request, Result result, String reason) {
		return new DeploymentOutcome(request.eventId(), result, request.target(), "quay.io/acme/web",
				"quay.io/acme/web:1.0.0", request.image(), null, reason, null, request.receivedAt(), Instant.now(),
				Instant.now());
	}

	private void publishOutcome(DeploymentOutcome outcome) {
		TopicWriter.send(this.broker.getBrokersAsString(), "tagrelay.results", outcome.target().key(),
				this.codec.write(outcome));
	}

	private void publishState(TargetState state) {
		TopicWriter.send(this.broker.getBrokersAsString(), "tagrelay.state", state.target().key(),
				this.codec.write(state));
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

}
