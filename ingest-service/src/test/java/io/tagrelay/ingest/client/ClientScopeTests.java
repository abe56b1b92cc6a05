package io.tagrelay.ingest.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tagrelay.ingest.EnqueuedEvents;
import io.tagrelay.ingest.IngestTest;
import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.testing.kafka.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What each client of {@link IngestTest} may trigger: {@code web-pushes} only pushes of
 * {@code quay.io/acme/web}; {@code release} only {@code demo/api} and
 * {@code demo/shared-a}, with {@code POST /deployment} but no downgrade.
 */
@IngestTest
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class ClientScopeTests {

	static final String WEB_PUSHES = "Bearer " + IngestTest.WEB_PUSHES;

	static final String RELEASE = "Bearer " + IngestTest.RELEASE;

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
	void namesTheClientInTheEventAndTheLogNeverItsToken(CapturedOutput output) {
		MvcTestResult accepted = push(WEB_PUSHES, "quay.io/acme/web");

		assertThat(accepted).hasStatus(HttpStatus.ACCEPTED);
		RegistryPush push = (RegistryPush) event(eventId(accepted));
		assertThat(push.client()).isEqualTo("web-pushes");
		assertThat(push.deployments()).isNull();
		assertThat(output)
			.contains("Enqueued RegistryPush " + push.eventId() + " for quay.io/acme/web by client web-pushes")
			.doesNotContain(IngestTest.WEB_PUSHES);
	}

	@Test
	void namesTheGlobalTokensDefault() {
		MvcTestResult accepted = push(IngestTest.BEARER, "quay.io/acme/web");

		assertThat(event(eventId(accepted)).client()).isEqualTo("default");
	}

	@Test
	void refusesAPushOnlyClientTheDeploymentEndpointWith403AndEnqueuesNothing() {
		MvcTestResult refused = setImage(WEB_PUSHES, "/deployment/demo/web/web", "quay.io/acme/web:9.0.0");

		assertThat(refused).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("web-pushes", "set-image");
		assertNothingEnqueuedFor("quay.io/acme/web:9.0.0");
	}

	@Test
	void refusesAClientScopedToOneRepositoryAnotherWith403AndEnqueuesNothing() {
		MvcTestResult refused = push(WEB_PUSHES, "quay.io/acme/api");

		assertThat(refused).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("web-pushes", "quay.io/acme/api");
		assertNothingEnqueuedFor("quay.io/acme/api");
	}

	@Test
	void refusesAClientScopedToSomeTargetsTheOthersWith403() {
		assertThat(push(RELEASE, "quay.io/acme/web")).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(setImage(RELEASE, "/deployment/demo/web/web", "quay.io/acme/web:9.1.0"))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertNothingEnqueuedFor("quay.io/acme/web");
	}

	@Test
	void limitsAScopedClientsPushToTheDeploymentsOfItsScope() {
		MvcTestResult accepted = push(RELEASE, "quay.io/acme/shared");

		assertThat(accepted).hasStatus(HttpStatus.ACCEPTED);
		RegistryPush push = (RegistryPush) event(eventId(accepted));
		assertThat(push.client()).isEqualTo("release");
		assertThat(push.deployments()).containsExactly("demo/shared-a");
		assertThat(push.mayMove("demo", "shared-b")).isFalse();
	}

	@Test
	void letsAClientWithoutDowngradeSetOnlyAVersionNotOlderThanTheRunningOne() {
		TargetRef api = new TargetRef("demo", "api", "api");
		TopicWriter.send(this.broker.getBrokersAsString(), "tagrelay.state", api.key(), this.codec
			.write(new TargetState(api, "quay.io/acme/api", "quay.io/acme/api:1.4.0", 1, 1, 1, Instant.now())));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(setImage(RELEASE, "/deployment/demo/api/api", "quay.io/acme/api:1.3.9"))
				.hasStatus(HttpStatus.FORBIDDEN)
				.bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("may not downgrade"));
		assertThat(setImage(RELEASE, "/deployment/demo/api/api", "quay.io/acme/api:latest"))
			.hasStatus(HttpStatus.FORBIDDEN);
		MvcTestResult newer = setImage(RELEASE, "/deployment/demo/api/api", "quay.io/acme/api:1.5.0");
		assertThat(newer).hasStatus(HttpStatus.ACCEPTED);
		assertThat(event(eventId(newer))).isInstanceOfSatisfying(ImageRequest.class,
				(request) -> assertThat(request.client()).isEqualTo("release"));
		// the global tokens keep everything, downgrades included
		assertThat(setImage(IngestTest.BEARER, "/deployment/demo/api/api", "quay.io/acme/api:1.3.9"))
			.hasStatus(HttpStatus.ACCEPTED);
	}

	private void assertNothingEnqueuedFor(String what) {
		// one partition: everything enqueued after the refusal arrives before this
		// sentinel
		String sentinel = eventId(push(IngestTest.BEARER, "quay.io/acme/web"));
		List<ConsumerRecord<String, byte[]>> records = this.events
			.until((record) -> this.codec.readEvent(record.value()).eventId().equals(sentinel), Duration.ofSeconds(10));
		assertThat(records.subList(0, records.size() - 1))
			.allSatisfy((record) -> assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8))
				.doesNotContain(what));
	}

	private DeployEvent event(String eventId) {
		List<ConsumerRecord<String, byte[]>> records = this.events
			.until((record) -> this.codec.readEvent(record.value()).eventId().equals(eventId), Duration.ofSeconds(10));
		return this.codec.readEvent(records.get(records.size() - 1).value());
	}

	private MvcTestResult push(String authorization, String repository) {
		return this.mvc.post()
			.uri("/webhooks/quay")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"docker_url\":\"" + repository + "\",\"updated_tags\":[\"2.0.0\"]}")
			.exchange(Duration.ofSeconds(10));
	}

	private MvcTestResult setImage(String authorization, String path, String image) {
		return this.mvc.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"Image\":\"" + image + "\"}")
			.exchange(Duration.ofSeconds(10));
	}

	private static String eventId(MvcTestResult result) {
		return JsonMapper.shared().readTree(result.getResponse().getContentAsByteArray()).get("eventId").asString();
	}

}
