package io.tagrelay.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.cluster.PodFate;
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
 * failed, a fix pushed after it updated, and a slow healthy one updated only once a pod
 * of it is available.
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
		assertThat(newReplicaSetAvailable("quay.io/acme/hello:1.1.1")).as("available pods of the new spec")
			.isPositive();
	}

	/**
	 * The new pods take 3 s to become ready: the webhook arrives only once one of them is
	 * available (the receiver looks at the new ReplicaSet before it answers).
	 */
	@Test
	@Order(3)
	void reportsASlowHealthyImageUpdatedOnlyOnceANewPodIsAvailable() {
		run.cluster.controller().podsOfImage("quay.io/acme/hello:1.2.0", PodFate.readyAfter(Duration.ofSeconds(3)));
		List<Integer> availableAtReceipt = new CopyOnWriteArrayList<>();
		run.receiver.observe((delivery) -> availableAtReceipt.add(newReplicaSetAvailable("quay.io/acme/hello:1.2.0")));
		RegistryPush slow = WorkerTopics.push("quay.io/acme/hello", "1.2.0");

		assertThat(webhookOf(slow, 4).fields("type", "eventId", "image")).containsExactly("deployment.updated",
				slow.eventId(), "quay.io/acme/hello:1.2.0");
		assertThat(availableAtReceipt).last()
			.as("available pods of the new spec when the webhook arrived")
			.isNotNull()
			.satisfies((available) -> assertThat(available).isPositive());
	}

	private static int newReplicaSetAvailable(String image) {
		return run.cluster.client()
			.apps()
			.replicaSets()
			.inNamespace("default")
			.list()
			.getItems()
			.stream()
			.filter((rs) -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(image))
			.map((rs) -> (rs.getStatus() != null && rs.getStatus().getAvailableReplicas() != null)
					? rs.getStatus().getAvailableReplicas() : 0)
			.findFirst()
			.orElse(0);
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
