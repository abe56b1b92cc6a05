package io.tagrelay.worker;

import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.webhook.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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
		assertThat(delivery.fields("type", "eventId", "namespace", "deployment", "container", "repository",
				"previousImage", "image", "tag"))
			.containsExactly("deployment.updated", push.eventId(), "default", "hello", "hello", "quay.io/acme/hello",
					"quay.io/acme/hello:0.5.0", "quay.io/acme/hello:1.0.0", "1.0.0");
		assertThat(delivery.signature()).as("no secret, no signature").isNull();
	}

}
