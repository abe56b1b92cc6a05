package io.tagrelay.worker;

import java.time.Duration;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.cluster.RolloutFate;
import io.tagrelay.testing.webhook.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker configured as updatekate was, with only {@code UK_*} variables, Kafka and
 * the cluster: a push queued while the worker is not running is applied once it starts,
 * the rollout is awaited (one available replica of the new spec) and the webhook is
 * POSTed to {@code UK_WEBHOOK}; a new image whose pods never become ready is reported
 * failed, and a fix pushed after it updated.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdatekateDropInIT {

	static final StandaloneWorker run = new StandaloneWorker();

	@AfterAll
	static void stop() {
		run.close();
	}

	@Test
	@Order(1)
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

	/**
	 * The new pod never becomes ready while the two old ones still serve: the
	 * Deployment's {@code availableReplicas} is 2 and {@code updatedReplicas} 1, which is
	 * not "one available replica of the new spec". The fix pushed after it is reported
	 * updated once a pod of its ReplicaSet is available.
	 */
	@Test
	@Order(2)
	void reportsACrashLoopingImageAsFailedAndTheFixAfterItAsUpdated() {
		run.cluster.controller().fate("default", "hello", RolloutFate.STALLS);
		RegistryPush broken = WorkerTopics.push("quay.io/acme/hello", "1.1.0");
		assertThat(webhookOf(broken, 2).fields("type", "eventId", "image")).containsExactly("deployment.failed",
				broken.eventId(), "quay.io/acme/hello:1.1.0");

		run.cluster.controller().fate("default", "hello", RolloutFate.COMPLETES);
		RegistryPush fix = WorkerTopics.push("quay.io/acme/hello", "1.1.1");
		assertThat(webhookOf(fix, 3).fields("type", "eventId", "image")).containsExactly("deployment.updated",
				fix.eventId(), "quay.io/acme/hello:1.1.1");
		ReplicaSet newRs = run.cluster.client()
			.apps()
			.replicaSets()
			.inNamespace("default")
			.list()
			.getItems()
			.stream()
			.filter((rs) -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":1.1.1"))
			.findFirst()
			.orElseThrow();
		assertThat(newRs.getStatus().getAvailableReplicas()).as("available pods of the new spec").isPositive();
	}

	/**
	 * Publishes a push and waits for the webhook it causes.
	 * @param push the push
	 * @param nth how many webhooks {@code UK_WEBHOOK} has received with this one
	 * @return the webhook
	 */
	private static Delivery webhookOf(RegistryPush push, int nth) {
		run.publish(push);
		// the updatekate target's rollout policy is fixed: 10 polls from 1s, x1.5 (~75 s)
		await().atMost(Duration.ofMinutes(3))
			.untilAsserted(() -> assertThat(run.receiver.received("/uk")).hasSize(nth));
		return run.receiver.received("/uk").get(nth - 1);
	}

}
