package io.tagrelay.ingest.source;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.ingest.EnqueuedEvents;
import io.tagrelay.ingest.IngestTest;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.RegistryPush;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class QuayWebhookTests {

	static final String QUAY_PUSH = """
			{"repository":"acme/web","namespace":"acme","name":"web","docker_url":"quay.io/acme/web",\
			"homepage":"https://quay.io/repository/acme/web","updated_tags":["1.2.0","latest"]}""";

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	final EventCodec codec = new EventCodec();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@RegisterExtension
	final EnqueuedEvents events = new EnqueuedEvents();

	@Test
	void enqueuesQuayPushKeyedByRepositoryBeforeAnswering202() {
		MvcTestResult result = push("/webhook", QUAY_PUSH);

		assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasContentType(MediaType.APPLICATION_JSON);
		String eventId = eventId(result);
		ConsumerRecord<String, byte[]> record = last(recordOf(eventId));
		assertThat(record.key()).isEqualTo("quay.io/acme/web");
		assertThat(this.codec.readEvent(record.value())).isInstanceOfSatisfying(RegistryPush.class, (push) -> {
			assertThat(push.eventId()).isEqualTo(eventId);
			assertThat(push.repository()).isEqualTo("quay.io/acme/web");
			assertThat(push.tags()).containsExactly("1.2.0", "latest");
			assertThat(push.source()).isEqualTo("quay");
		});
	}

	@Test
	void acceptsOlderMapFormOfUpdatedTagsOnQuayPath() {
		MvcTestResult result = push("/webhooks/quay",
				"{\"docker_url\":\"quay.io/acme/api\",\"updated_tags\":{\"2.0.0\":\"sha256:abc\"}}");

		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		ConsumerRecord<String, byte[]> record = last(recordOf(eventId(result)));
		assertThat(record.key()).isEqualTo("quay.io/acme/api");
		assertThat(((RegistryPush) this.codec.readEvent(record.value())).tags()).containsExactly("2.0.0");
	}

	@Test
	void rejectsPushFromUnlistedRepository() {
		MvcTestResult refused = push("/webhook", QUAY_PUSH.replace("quay.io/acme/web", "quay.io/other/app"));
		assertThat(refused).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("quay.io/other/app");

		// one partition: everything enqueued after the refusal arrives before this
		// sentinel
		String sentinel = eventId(push("/webhook", QUAY_PUSH));
		assertThat(recordOf(sentinel)).extracting(ConsumerRecord::key).doesNotContain("quay.io/other/app");
	}

	@Test
	void rejectsMalformedPayloadWith400Problem() {
		assertThat(push("/webhook", "{\"docker_url\":")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		MvcTestResult noTags = push("/webhook", "{\"docker_url\":\"quay.io/acme/web\"}");
		assertThat(noTags).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("updated_tags");
	}

	@Test
	void rejectsBodyThatIsNotJsonWith415Problem() {
		assertThat(this.mvc.post()
			.uri("/webhook")
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.contentType(MediaType.TEXT_PLAIN)
			.content(QUAY_PUSH)).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void rejectsBodyDeclaredLargerThan64KiBWith413Problem() {
		assertThat(push("/webhook", oversized())).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void rejectsChunkedBodyLargerThan64KiBWith413Problem() throws Exception {
		HttpResponse<String> response = chunked(oversized());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
		assertThat(response.request().headers().firstValue(HttpHeaders.CONTENT_LENGTH)).isEmpty();
	}

	@Test
	void acceptsChunkedBodyWithinTheLimit() throws Exception {
		HttpResponse<String> response = chunked(QUAY_PUSH);

		assertThat(response.statusCode()).isEqualTo(202);
		String eventId = JsonMapper.shared().readTree(response.body()).get("eventId").asString();
		assertThat(recordOf(eventId)).isNotEmpty();
	}

	@Test
	void countsWebhooksReceivedAcceptedAndRejectedByReasonTaggedWithTheirSource() {
		double received = count("tagrelay.ingest.webhooks.received");
		double accepted = count("tagrelay.ingest.webhooks.accepted");
		double unauthorized = rejected("unauthorized");
		double notConfigured = rejected("repository_not_configured");

		push("/webhook", QUAY_PUSH);
		push("/webhook", QUAY_PUSH.replace("acme/web", "acme/nope"));
		assertThat(this.mvc.post().uri("/webhook").contentType(MediaType.APPLICATION_JSON).content(QUAY_PUSH))
			.hasStatus(HttpStatus.UNAUTHORIZED);

		assertThat(count("tagrelay.ingest.webhooks.received")).isEqualTo(received + 3);
		assertThat(count("tagrelay.ingest.webhooks.accepted")).isEqualTo(accepted + 1);
		assertThat(rejected("unauthorized")).isEqualTo(unauthorized + 1);
		assertThat(rejected("repository_not_configured")).isEqualTo(notConfigured + 1);
		assertThat(this.meters.find("tagrelay.ingest.enqueue").tag("outcome", "acknowledged").timer().count())
			.isPositive();
	}

	private MvcTestResult push(String path, String body) {
		return this.mvc.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange(Duration.ofSeconds(10));
	}

	private HttpResponse<String> chunked(String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/webhook"))
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String oversized() {
		return QUAY_PUSH.replace("\"homepage\"", "\"padding\":\"" + "x".repeat(64 * 1024) + "\",\"homepage\"");
	}

	private static String eventId(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return JsonMapper.shared().readTree(result.getResponse().getContentAsByteArray()).get("eventId").asString();
	}

	private List<ConsumerRecord<String, byte[]>> recordOf(String eventId) {
		return this.events.until((record) -> this.codec.readEvent(record.value()).eventId().equals(eventId),
				Duration.ofSeconds(10));
	}

	private static ConsumerRecord<String, byte[]> last(List<ConsumerRecord<String, byte[]>> records) {
		return records.get(records.size() - 1);
	}

	private double count(String name) {
		return this.meters.counter(name, "source", "quay").count();
	}

	private double rejected(String reason) {
		return this.meters.counter("tagrelay.ingest.webhooks.rejected", "source", "quay", "reason", reason).count();
	}

}
