package io.tagrelay.ingest.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.tagrelay.ingest.IngestTest;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.testing.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request of the hostile corpus, sent as raw bytes to the running ingest, is
 * refused with the expected 4xx and an {@code application/problem+json} body, enqueues
 * nothing, and leaves the ingest serving.
 */
@IngestTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsTests {

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	static final String VALID_PUSH = "{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"9.9.9\"]}";

	final EventCodec codec = new EventCodec();

	@LocalServerPort
	int port;

	// the broker of this context: spring.kafka.bootstrap-servers is a system property
	// that the broker started last sets
	@Autowired
	EmbeddedKafkaBroker broker;

	TopicReader events;

	@BeforeAll
	void readEventsFromNow() {
		this.events = TopicReader.fromEnd(this.broker.getBrokersAsString(), "tagrelay.events");
	}

	@AfterAll
	void close() {
		this.events.close();
	}

	@TestFactory
	@Order(1)
	Stream<DynamicTest> refusesEveryHostileRequestWithAProblemAndKeepsServing() {
		List<HostileCorpus.Case> corpus = HostileCorpus.load();
		assertThat(corpus).hasSizeGreaterThan(650);
		return corpus.stream()
			.map((hostile) -> DynamicTest.dynamicTest(hostile.name(), hostile.file().toUri(), () -> refuses(hostile)));
	}

	@Test
	@Order(2)
	void enqueuedNothingButTheValidPushAfterTheCorpus() throws Exception {
		HttpResponse<String> accepted = HTTP
			.send(request("/webhook").header(HttpHeaders.CONTENT_TYPE, "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(VALID_PUSH))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(accepted.statusCode()).isEqualTo(202);
		String sentinel = JsonMapper.shared().readTree(accepted.body()).get("eventId").asString();

		List<ConsumerRecord<String, byte[]>> records = this.events
			.until((record) -> this.codec.readEvent(record.value()).eventId().equals(sentinel), Duration.ofSeconds(10));

		assertThat(records).extracting((record) -> this.codec.readEvent(record.value()).eventId())
			.containsExactly(sentinel);
	}

	private void refuses(HostileCorpus.Case hostile) throws Exception {
		RawHttp.Response response = RawHttp.send(this.port, hostile.request());

		assertThat(response.status()).as("status of %s, body %s", hostile.name(), response.bodyText())
			.isEqualTo(hostile.expectedStatus())
			.isBetween(400, 499);
		assertThat(response.header(HttpHeaders.CONTENT_TYPE)).as("content type of %s", hostile.name())
			.startsWith("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(response.status());
		assertThat(problem.path("type").asString()).isEqualTo("about:blank");
		assertThat(problem.path("title").asString()).isNotBlank();
		assertStillServing();
	}

	private void assertStillServing() throws Exception {
		HttpResponse<String> info = HTTP.send(request("/info").GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(info.statusCode()).as("a valid request after the hostile one").isEqualTo(200);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER);
	}

}
