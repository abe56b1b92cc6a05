package io.tagrelay.worker;

import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.webhook.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker configured as updatekate was, with only {@code UK_*} variables, Kafka and
 * the cluster: a push queued while the worker is not running is applied once it starts,
 * the rollout is awaited (one available replica) and the webhook is POSTed to
 * {@code UK_WEBHOOK}.
 */
class UpdatekateDropInIT {

	static final StandaloneWorker run = new StandaloneWorker();

	@AfterAll
	static void stop() {
		run.close();
	}

	@Test
	void appliesAPushQueuedBeforeStartAndCallsTheUpdatekateWebhook() {
		RegistryPush push = WorkerTopics.push("quay.io/acme/hello", "0.4.0", "1.0.0", "latest");
		run.publish(push);

		run.start("--uk.webhook=" + run.receiver.url("/uk"));

		await().untilAsserted(() -> assertThat(run.receiver.received("/uk")).hasSize(1));
		assertThat(run.cluster.image("default", "hello", "hello")).isEqualTo("quay.io/acme/hello:1.0.0");
		Delivery delivery = run.receiver.received("/uk").get(0);
		JsonNode body = delivery.json();
		assertThat(body.path("type").asString()).isEqualTo("deployment.updated");
		assertThat(body.path("eventId").asString()).isEqualTo(push.eventId());
		assertThat(body.path("namespace").asString()).isEqualTo("default");
		assertThat(body.path("deployment").asString()).isEqualTo("hello");
		assertThat(body.path("container").asString()).isEqualTo("hello");
		assertThat(body.path("repository").asString()).isEqualTo("quay.io/acme/hello");
		assertThat(body.path("previousImage").asString()).isEqualTo("quay.io/acme/hello:0.5.0");
		assertThat(body.path("image").asString()).isEqualTo("quay.io/acme/hello:1.0.0");
		assertThat(body.path("tag").asString()).isEqualTo("1.0.0");
		assertThat(delivery.signature()).as("no secret, no signature").isNull();
	}

}
