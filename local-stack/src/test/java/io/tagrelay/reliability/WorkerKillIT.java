package io.tagrelay.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.tagrelay.local.LocalStack;
import io.tagrelay.reliability.Pusher.Push;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.Delivery;
import io.tagrelay.testing.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker is SIGKILLed while it waits for a rollout it started, and started again: the
 * event is handled again to completion, the Deployment ends on the pushed image (patched
 * once), and the receiver gets one success webhook for the event, counted after
 * deduplicating by {@code webhook-id} (the raw count is reported: at-least-once may
 * deliver it twice).
 */
class WorkerKillIT extends FaultTest {

	private static final Fleet FLEET = new Fleet(List.of("web"));

	@Test
	void eventInterruptedInItsRolloutWaitEndsWithOneSuccessWebhook() throws Exception {
		EmbeddedKafkaKraftBroker broker = broker(6);
		WebhookReceiver receiver = this.parts.started(new WebhookReceiver(0, LocalStack.WEBHOOK_SECRET));
		SimulatedCluster sandbox = sandbox(FLEET, Duration.ofMillis(50));
		sandbox.controller().hold();
		Path kubeconfig = kubeconfig(sandbox);
		// polls for a minute at most: long enough for the kill and the restart
		List<String> properties = new ArrayList<>(FLEET.targetProperties("rollout.initial-interval=200ms",
				"rollout.multiplier=1.5", "rollout.max-interval=1s", "rollout.max-attempts=60",
				"webhook.url=http://127.0.0.1:" + receiver.port() + "/hooks/tagrelay"));
		properties.addAll(WorkerProcess.QUICK_HANDOVER);
		String kafka = broker.getBrokersAsString();
		WorkerProcess first = this.parts
			.started(WorkerProcess.start("worker-kill-first", kafka, kubeconfig, receiver.port(), properties));
		InProcessIngest ingest = this.parts.started(InProcessIngest.start(kafka, properties));
		first.awaitReady();

		Push push = ingest.pusher().push(Fleet.repository("web"), "1.1.0");
		assertThat(push.status()).as(push.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> sandbox.image(LocalStack.NAMESPACE, "web", "web").equals(Fleet.image("web", "1.1.0")));
		int exit = first.kill();
		WorkerProcess second = this.parts
			.started(WorkerProcess.start("worker-kill-second", kafka, kubeconfig, receiver.port(), properties));
		second.awaitReady();
		await().atMost(Duration.ofSeconds(60)).until(() -> second.owns("tagrelay.events"));
		sandbox.controller().release();

		Waiting.until(Duration.ofSeconds(60), () -> !successes(receiver, push.eventId()).isEmpty());
		// at-least-once may bring a second delivery: give it time to arrive before
		// counting
		Thread.sleep(3000);
		List<Delivery> raw = successes(receiver, push.eventId());
		Set<String> distinct = raw.stream().map(Delivery::webhookId).collect(Collectors.toSet());
		List<String> images = sandbox.history().of(LocalStack.NAMESPACE, "web");
		Ledger ledger = ledger(List.of(push), kafka, FLEET, sandbox);
		System.out.printf(
				"worker-kill: pushed=1 %s workerExit=%d images=%s successWebhooksRaw=%d successWebhooksDistinct=%d "
						+ "signaturesVerified=%d%n",
				ledger.counts(), exit, images, raw.size(), distinct.size(),
				raw.stream().filter(Delivery::signatureVerified).count());
		assertThat(exit).as("exit code of the worker: 128 + SIGKILL").isEqualTo(137);
		assertThat(images).as("every image demo/web had")
			.containsExactly(LocalStack.INITIAL_IMAGE, Fleet.image("web", "1.1.0"));
		ledger.assertGuarantees();
		assertThat(ledger.updated()).as("202s updated").isEqualTo(1);
		assertThat(distinct).as("success webhooks of %s by webhook-id", push.eventId()).hasSize(1);
		assertThat(raw).allSatisfy((delivery) -> {
			assertThat(delivery.signatureVerified()).isTrue();
			assertThat(delivery.json().path("image").asString()).isEqualTo(Fleet.image("web", "1.1.0"));
			assertThat(delivery.json().path("previousImage").asString()).isEqualTo(LocalStack.INITIAL_IMAGE);
		});
	}

	private static List<Delivery> successes(WebhookReceiver receiver, String eventId) {
		return receiver.received()
			.stream()
			.filter((delivery) -> "deployment.updated".equals(delivery.type()))
			.filter((delivery) -> eventId.equals(delivery.json().path("eventId").asString(null)))
			.toList();
	}

}
