package io.tagrelay.ingest.info;

import java.time.Duration;
import java.time.Instant;

import io.tagrelay.ingest.IngestTest;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.kafka.TopicWriter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IngestTest
class InfoEndpointTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Targets targets;

	// the broker of this context: spring.kafka.bootstrap-servers is a system property
	// that the broker started last sets
	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void showsEveryTargetWithTheStateTheWorkerPublished() {
		TargetRef api = new TargetRef("demo", "api", "server");
		TargetState state = new TargetState(api, "quay.io/acme/api", "quay.io/acme/api:3.1.0", 2, 2, 2, Instant.now());
		TopicWriter.send(this.broker.getBrokersAsString(), "tagrelay.state", api.key(), new EventCodec().write(state));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var info = assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER))
				.hasStatus(HttpStatus.OK)
				.bodyJson();
			info.extractingPath("$.targets[*].repository")
				.asArray()
				.containsExactlyElementsOf(this.targets.all().stream().map(Target::repository).toList())
				.startsWith("quay.io/acme/web", "quay.io/acme/api");
			info.extractingPath("$.targets[1].containers[?(@.target.container == 'server')].image")
				.asArray()
				.containsExactly("quay.io/acme/api:3.1.0");
			info.extractingPath("$.targets[1].containers[?(@.target.container == 'server')].availableReplicas")
				.asArray()
				.containsExactly(2);
			info.extractingPath("$.targets[1]")
				.asMap()
				.containsOnlyKeys("repository", "namespace", "deployment", "container", "containers");
			info.extractingPath("$.targets[1].containers[0]")
				.asMap()
				.containsOnlyKeys("target", "repository", "image", "replicas", "availableReplicas", "updatedReplicas",
						"observedAt");
			info.extractingPath("$.targets[1].containers[0].target")
				.asMap()
				.containsOnlyKeys("namespace", "deployment", "container");
		});
	}

}
