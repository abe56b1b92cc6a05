package io.tagrelay.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.cluster.Faults;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.Delivery;
import io.tagrelay.testing.webhook.WebhookReceiver;
import io.tagrelay.worker.cluster.ClusterConfiguration;
import io.tagrelay.worker.config.ClusterProperties;
import io.tagrelay.worker.patch.ChangeMark;
import io.tagrelay.worker.patch.ImagePatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tagrelay.testing.cluster.SimulatedCluster.container;
import static io.tagrelay.testing.cluster.SimulatedCluster.deploymentPath;
import static io.tagrelay.worker.WorkerTopics.header;
import static io.tagrelay.worker.WorkerTopics.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's guarantees when what it depends on fails: the worker itself dying between
 * its patch and its outcome, the API server answering errors or nothing, the webhook
 * receiver being down. Each test prints one summary line of what was accepted and what
 * was applied or delivered.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { "tagrelay.kafka.partitions=1",
		// one consumer for the one partition: idle members joining late would rebalance
		// the partition away in the middle of a test's retries
		"spring.kafka.listener.concurrency=1", "tagrelay.cluster.request-timeout=1s",
		"tagrelay.cluster.retry.max-attempts=5", "tagrelay.cluster.retry.initial-interval=100ms",
		"tagrelay.cluster.retry.max-interval=400ms", "tagrelay.cluster.outage-budget=3s",
		"tagrelay.webhook.max-attempts=5", "tagrelay.webhook.initial-interval=500ms", "tagrelay.webhook.multiplier=2.0",
		"tagrelay.webhook.max-interval=2s", "tagrelay.webhook.connect-timeout=1s",
		"tagrelay.webhook.secret=whsec_dGFncmVsYXktdGVzdC1zaWduaW5nLWtleQ==",
		"tagrelay.kafka.events-batch-size=" + WorkerFaultsIT.BATCH_SIZE })
@EmbeddedKafka(partitions = 1, topics = "tagrelay.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class WorkerFaultsIT {

	static final int BATCH_SIZE = 200;

	static final SimulatedCluster cluster = SimulatedCluster.start();

	static final Faults faults = cluster.faults();

	static final WebhookReceiver receiver = new WebhookReceiver();

	// a port nothing listens on, and credentials that must never show
	static final String DOWN_RECEIVER = "http://relay:url-password@127.0.0.1:" + closedPort()
			+ "/hook?token=query-token";

	static WorkerTopics topics;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	EventCodec codec;

	@Autowired
	ImagePatcher patcher;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		target(registry, 0, "crash", "/crash");
		target(registry, 1, "flaky", "/hooks");
		target(registry, 2, "slow", "/hooks");
		target(registry, 3, "locked", "/hooks");
		target(registry, 4, "invalid", "/hooks");
		target(registry, 5, "refused", "/refused");
		registry.add("tagrelay.targets[5].webhook.url", () -> DOWN_RECEIVER);
		target(registry, 6, "after", "/after");
		target(registry, 7, "burst", "/hooks");
		target(registry, 8, "outage", "/hooks");
		target(registry, 9, "bystander", "/hooks");
		target(registry, 10, "twins", "/twins");
		target(registry, 11, "resume", "/resume");
	}

	private static void target(DynamicPropertyRegistry registry, int index, String name, String webhook) {
		TestTargets.register(registry, index, "quay.io/acme/" + name, name, null, () -> receiver.url(webhook));
	}

	@BeforeAll
	static void readTopics(@Autowired EmbeddedKafkaBroker broker, @Autowired KafkaTemplate<String, byte[]> kafka) {
		// the webhooks consumer may still be working off the burst test's outcomes
		Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
		topics = new WorkerTopics(broker.getBrokersAsString(), kafka);
	}

	@AfterAll
	static void close() {
		Awaitility.reset();
		topics.close();
		receiver.close();
		cluster.close();
	}

	@Test
	void anEventDeliveredAgainAfterTheWorkerDiedPastItsPatchIsReportedUpdatedWithOneWebhook() throws Exception {
		cluster.createDeployment("demo", "crash", 2, container("crash", "quay.io/acme/crash:1.0.0"));
		RegistryPush push = push("quay.io/acme/crash", "1.1.0");
		// what the worker did before it died: its patch, mark included, went through; no
		// outcome, no webhook, no offset commit
		Deployment read = cluster.client().apps().deployments().inNamespace("demo").withName("crash").get();
		this.patcher.replaceImage(read, 0, "quay.io/acme/crash:1.1.0",
				new ChangeMark(push.eventId(), "crash", "quay.io/acme/crash:1.0.0"));

		topics.send(push);

		await().untilAsserted(() -> assertThat(topics.outcomes(push)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.UPDATED);
			assertThat(outcome.previousImage()).isEqualTo("quay.io/acme/crash:1.0.0");
			assertThat(outcome.image()).isEqualTo("quay.io/acme/crash:1.1.0");
		}));
		String webhookId = "msg_" + push.eventId() + "_" + sha256Prefix("demo/crash/crash");
		await().untilAsserted(() -> assertThat(receiver.received("/crash")).extracting(Delivery::webhookId)
			.containsExactly(webhookId));

		RegistryPush sameTagAgain = push("quay.io/acme/crash", "1.1.0");
		topics.send(sameTagAgain);
		await().untilAsserted(() -> assertThat(topics.outcomes(sameTagAgain)).singleElement()
			.extracting(DeploymentOutcome::result)
			.isEqualTo(Result.SKIPPED));
		RegistryPush next = push("quay.io/acme/crash", "1.2.0");
		topics.send(next);
		// the results of one container are delivered in order: once the next webhook is
		// in, no second one of the redelivered event is still on its way
		await().untilAsserted(() -> assertThat(receiver.received("/crash")).hasSize(2));
		assertThat(receiver.received("/crash")).extracting(Delivery::webhookId)
			.containsExactly(webhookId, "msg_" + next.eventId() + "_" + sha256Prefix("demo/crash/crash"));
		assertThat(cluster.client().apps().deployments().inNamespace("demo").withName("crash").get())
			.extracting((d) -> d.getMetadata().getAnnotations().get("crash.tagrelay.io/event-id"))
			.isEqualTo(next.eventId());
	}

	/**
	 * Two containers of one Deployment from the followed repository: each keeps its own
	 * change mark, so both resume after the worker died past both patches.
	 */
	@Test
	void anEventDeliveredAgainAfterTheWorkerPatchedTwoContainersOfOneDeploymentResumesBoth() {
		cluster.createDeployment("demo", "twins", 2, container("a", "quay.io/acme/twins:1.0.0"),
				container("b", "quay.io/acme/twins:1.0.0"));
		RegistryPush push = push("quay.io/acme/twins", "1.1.0");
		for (int index = 0; index < 2; index++) {
			String name = (index == 0) ? "a" : "b";
			Deployment read = cluster.client().apps().deployments().inNamespace("demo").withName("twins").get();
			this.patcher.replaceImage(read, index, "quay.io/acme/twins:1.1.0",
					new ChangeMark(push.eventId(), name, "quay.io/acme/twins:1.0.0"));
		}

		topics.send(push);

		await().untilAsserted(() -> assertThat(topics.outcomes(push))
			.extracting((outcome) -> outcome.target().container() + " " + outcome.result())
			.containsExactlyInAnyOrder("a UPDATED", "b UPDATED"));
		await().untilAsserted(() -> assertThat(receiver.received("/twins")).hasSize(2));
	}

	/**
	 * The worker died past the patch of a run of pushes it had collapsed into the newest
	 * one: delivered again, the run resumes the winner's rollout wait and reports it
	 * updated, with its webhook, instead of finding nothing newer to do, and the older
	 * pushes superseded by it.
	 */
	@Test
	void aCollapsedRunDeliveredAgainAfterTheWorkerDiedPastItsPatchReportsTheWinnerUpdated() {
		cluster.createDeployment("demo", "resume", 2, container("resume", "quay.io/acme/resume:1.0.0"));
		RegistryPush older = push("quay.io/acme/resume", "1.1.0");
		RegistryPush winner = push("quay.io/acme/resume", "1.2.0");
		Deployment read = cluster.client().apps().deployments().inNamespace("demo").withName("resume").get();
		this.patcher.replaceImage(read, 0, "quay.io/acme/resume:1.2.0",
				new ChangeMark(winner.eventId(), "resume", "quay.io/acme/resume:1.0.0"));
		MessageListenerContainer events = this.listeners.getListenerContainer("events");
		events.stop();
		try {
			topics.send(older);
			topics.send(winner);
		}
		finally {
			events.start();
		}

		await().untilAsserted(() -> assertThat(topics.outcomes(winner)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.UPDATED);
			assertThat(outcome.previousImage()).isEqualTo("quay.io/acme/resume:1.0.0");
		}));
		await().untilAsserted(() -> assertThat(receiver.received("/resume")).extracting(Delivery::json)
			.extracting((json) -> json.path("eventId").asString())
			.containsExactly(winner.eventId()));
		// superseded by the resumed winner, as it was in the run before the crash
		assertThat(topics.outcomes(older)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
			assertThat(outcome.reason()).startsWith("superseded by " + winner.eventId() + " (tag 1.2.0)");
		});
	}

	@Test
	void retriesServerErrorsThrottlingAndConflictsWithBackoffThenApplies() {
		cluster.createDeployment("demo", "flaky", 2, container("flaky", "quay.io/acme/flaky:1.0.0"));
		String path = deploymentPath("demo", "flaky");
		faults.fail("GET", path, 503, 1);
		faults.fail("GET", path, 429, 1);
		faults.fail("PATCH", path, 500, 2);
		faults.fail("PATCH", path, 409, 2);
		RegistryPush push = push("quay.io/acme/flaky", "1.1.0");

		topics.send(push);

		await().untilAsserted(() -> assertThat(topics.outcomes(push)).singleElement()
			.extracting(DeploymentOutcome::result)
			.isEqualTo(Result.UPDATED));
		assertThat(cluster.image("demo", "flaky", "flaky")).isEqualTo("quay.io/acme/flaky:1.1.0");
		assertThat(faults.served("GET", path)).isEqualTo(2);
		assertThat(faults.served("PATCH", path)).isEqualTo(4);
		assertThat(faults.requests("PATCH", deploymentPath("demo", "flaky"))).isEqualTo(5);
		summarise("api-errors", push, "GET 503x1,429x1 PATCH 500x2,409x2", "flaky");
	}

	@Test
	void retriesRequestsTheApiServerAnswersTooLateEvenAPatchItCarriedOut() {
		cluster.createDeployment("demo", "slow", 2, container("slow", "quay.io/acme/slow:1.0.0"));
		String path = deploymentPath("demo", "slow");
		faults.answerLate("GET", path, Duration.ofSeconds(3), 2);
		faults.answerLate("PATCH", path, Duration.ofSeconds(3), 1);
		RegistryPush push = push("quay.io/acme/slow", "1.1.0");

		topics.send(push);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(topics.outcomes(push)).singleElement().satisfies((outcome) -> {
				assertThat(outcome.result()).isEqualTo(Result.UPDATED);
				assertThat(outcome.previousImage()).isEqualTo("quay.io/acme/slow:1.0.0");
			}));
		assertThat(cluster.image("demo", "slow", "slow")).isEqualTo("quay.io/acme/slow:1.1.0");
		assertThat(faults.served("GET", path)).isEqualTo(2);
		assertThat(faults.served("PATCH", path)).isEqualTo(1);
		summarise("api-timeouts", push, "GET late x2 PATCH late x1", "slow");
	}

	@Test
	void doesNotRetryAnswersThatARetryWouldNotChange() {
		cluster.createDeployment("demo", "locked", 2, container("locked", "quay.io/acme/locked:1.0.0"));
		cluster.createDeployment("demo", "invalid", 2, container("invalid", "quay.io/acme/invalid:1.0.0"));
		faults.fail("PATCH", deploymentPath("demo", "locked"), 403, 3);
		faults.fail("PATCH", deploymentPath("demo", "invalid"), 422, 3);
		RegistryPush forbidden = push("quay.io/acme/locked", "1.1.0");
		RegistryPush invalid = push("quay.io/acme/invalid", "1.1.0");

		topics.send(forbidden);
		topics.send(invalid);

		await().untilAsserted(() -> assertThat(topics.outcomes(forbidden)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.FAILED);
			assertThat(outcome.reason()).startsWith("patch failed").contains("403");
		}));
		await().untilAsserted(() -> assertThat(topics.outcomes(invalid)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.FAILED);
			assertThat(outcome.reason()).startsWith("patch failed").contains("422");
		}));
		assertThat(faults.served("PATCH", deploymentPath("demo", "locked"))).isOne();
		assertThat(faults.served("PATCH", deploymentPath("demo", "invalid"))).isOne();
		assertThat(cluster.image("demo", "locked", "locked")).isEqualTo("quay.io/acme/locked:1.0.0");
		assertThat(cluster.image("demo", "invalid", "invalid")).isEqualTo("quay.io/acme/invalid:1.0.0");
	}

	@Test
	void deadLettersAWebhookWhoseReceiverStaysDownWithoutDelayingLaterDeployments(CapturedOutput output) {
		cluster.createDeployment("demo", "refused", 2, container("refused", "quay.io/acme/refused:1.0.0"));
		cluster.createDeployment("demo", "after", 2, container("after", "quay.io/acme/after:1.0.0"));
		RegistryPush first = push("quay.io/acme/refused", "1.1.0");
		topics.send(first);
		await().untilAsserted(() -> assertThat(topics.outcomes(first)).singleElement()
			.extracting(DeploymentOutcome::result)
			.isEqualTo(Result.UPDATED));
		long start = System.nanoTime();

		RegistryPush second = push("quay.io/acme/after", "2.0.0");
		topics.send(second);

		await().untilAsserted(() -> assertThat(topics.outcomes(second)).singleElement()
			.extracting(DeploymentOutcome::result)
			.isEqualTo(Result.UPDATED));
		long appliedMs = (System.nanoTime() - start) / 1_000_000;
		assertThat(cluster.image("demo", "after", "after")).isEqualTo("quay.io/acme/after:2.0.0");
		assertThat(topics.webhookDeadLetters("demo/refused/refused")).as("the first webhook is still being retried")
			.isEmpty();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(topics.webhookDeadLetters("demo/refused/refused")).singleElement()
				.satisfies((record) -> {
					assertThat(this.codec.readOutcome(record.value()).eventId()).isEqualTo(first.eventId());
					assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo("tagrelay.results");
					assertThat(header(record, "kafka_dlt-exception-message")).contains(
							"webhook deployment.updated for demo/refused/refused not delivered to http://127.0.0.1:")
						.contains("/hook: ")
						.contains("ConnectException");
					assertThat(everything(record)).doesNotContain("url-password", "query-token", "relay:",
							"dGFncmVsYXktdGVzdC1zaWduaW5nLWtleQ");
				}));
		long deadLetteredMs = (System.nanoTime() - start) / 1_000_000;
		assertThat(appliedMs).as("applied before the webhook was given up").isLessThan(deadLetteredMs);
		await().untilAsserted(() -> assertThat(receiver.received("/after")).hasSize(1));
		assertThat(output.getAll()).contains("not delivered to http://127.0.0.1:")
			.doesNotContain("url-password", "query-token", "dGFncmVsYXktdGVzdC1zaWduaW5nLWtleQ");
		System.out.println(
				"webhook-dlt: published=2 outcomes=" + (topics.outcomes(first).size() + topics.outcomes(second).size())
						+ " applied=2 delivered=" + receiver.received("/after").size() + " dead-lettered="
						+ topics.webhookDeadLetters("demo/refused/refused").size() + " second-applied-after="
						+ appliedMs + "ms dead-lettered-after=" + deadLetteredMs + "ms");
	}

	/**
	 * The API server answers 503 to the patch for longer than the outage budget (3 s
	 * here, the Deployment was read from the watch's cache before): the event is reported
	 * failed with what happened, never silently dropped, and the rest of its poll is
	 * applied.
	 */
	@Test
	void reportsAnEventWhoseDeploymentCannotBePatchedPastTheOutageBudgetAsFailedAndAppliesTheRestOfThePoll() {
		cluster.createDeployment("demo", "outage", 2, container("outage", "quay.io/acme/outage:1.0.0"));
		cluster.createDeployment("demo", "bystander", 2, container("bystander", "quay.io/acme/bystander:1.0.0"));
		String path = deploymentPath("demo", "outage");
		faults.failFor("PATCH", path, 503, Duration.ofSeconds(10));
		RegistryPush failing = push("quay.io/acme/outage", "1.1.0");
		RegistryPush bystander = push("quay.io/acme/bystander", "1.1.0");
		MessageListenerContainer events = this.listeners.getListenerContainer("events");
		events.stop();
		try {
			topics.send(failing);
			topics.send(bystander);
		}
		finally {
			events.start();
		}

		await().untilAsserted(() -> assertThat(topics.outcomes(failing)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.FAILED);
			assertThat(outcome.reason()).startsWith(
					"patch failed: the API server was unavailable for PT3S (tagrelay.cluster.outage-budget); last: "
							+ "the API server answered 503");
		}));
		await().untilAsserted(() -> assertThat(topics.outcomes(bystander)).extracting(DeploymentOutcome::result)
			.contains(Result.UPDATED));
		await().untilAsserted(() -> assertThat(receiver.received("/hooks"))
			.anySatisfy((delivery) -> assertThat(delivery.fields("type", "eventId"))
				.containsExactly("deployment.failed", failing.eventId())));
		assertThat(cluster.image("demo", "outage", "outage")).isEqualTo("quay.io/acme/outage:1.0.0");
	}

	// -Dburst.pushes=100000 for a longer run
	@Test
	void worksOffABurstOfPushesQueuedWhileTheWorkerWasDownWithFewPatches() throws Exception {
		int count = Integer.getInteger("burst.pushes", 10_000);
		long seed = Long.getLong("burst.seed", System.nanoTime());
		cluster.createDeployment("demo", "burst", 2, container("burst", "quay.io/acme/burst:1.0.0"));
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tags.add("1." + (i / 1000) + "." + (i % 1000));
		}
		String greatest = tags.get(count - 1);
		Collections.shuffle(tags, new Random(seed));
		List<RegistryPush> pushes = tags.stream().map((tag) -> push("quay.io/acme/burst", tag)).toList();
		Set<String> eventIds = pushes.stream().map(RegistryPush::eventId).collect(Collectors.toSet());
		MessageListenerContainer events = this.listeners.getListenerContainer("events");
		long start;
		events.stop();
		try {
			publishAll(pushes);
			start = System.nanoTime();
		}
		finally {
			events.start();
		}

		await().atMost(Duration.ofSeconds(120))
			.untilAsserted(() -> assertThat(topics.outcomes(eventIds)).hasSizeGreaterThanOrEqualTo(count));
		long tookMs = (System.nanoTime() - start) / 1_000_000;
		List<DeploymentOutcome> outcomes = topics.outcomes(eventIds);
		assertThat(outcomes).extracting(DeploymentOutcome::eventId).doesNotHaveDuplicates();
		assertThat(cluster.image("demo", "burst", "burst")).isEqualTo("quay.io/acme/burst:" + greatest);
		int patches = faults.requests("PATCH", deploymentPath("demo", "burst"));
		int reads = faults.requests("GET", deploymentPath("demo", "burst"));
		int fewestPolls = (count + BATCH_SIZE - 1) / BATCH_SIZE;
		assertThat(patches).as("patches, at most one per poll").isBetween(1, fewestPolls);
		long updated = outcomes.stream().filter((o) -> o.result() == Result.UPDATED).count();
		assertThat(updated).isEqualTo(patches);
		assertThat(outcomes).filteredOn((o) -> o.result() == Result.SKIPPED)
			.allSatisfy((o) -> assertThat(o.reason()).containsAnyOf("superseded by", "newer than the running",
					"no pushed tag"));
		System.out.println("burst: published=" + count + " outcomes=" + outcomes.size() + " updated=" + updated
				+ " patches=" + patches + " reads=" + reads + " polls>=" + fewestPolls + " final=" + greatest + " took="
				+ tookMs + "ms seed=" + seed);
	}

	// one line of what a push under API faults came to
	private static void summarise(String test, RegistryPush push, String faultsServed, String deployment) {
		System.out.println(test + ": published=1 outcomes=" + topics.outcomes(push).size() + " result="
				+ topics.outcomes(push).get(0).result() + " faults=" + faultsServed + " patches="
				+ faults.requests("PATCH", deploymentPath("demo", deployment)) + " final="
				+ cluster.image("demo", deployment, deployment));
	}

	private void publishAll(List<RegistryPush> pushes) {
		List<CompletableFuture<?>> sent = pushes.stream()
			.<CompletableFuture<?>>map(
					(push) -> this.kafka.send("tagrelay.events", push.repository(), this.codec.write(push)))
			.toList();
		sent.forEach(CompletableFuture::join);
	}

	// the value and every header of a record, as text
	private static String everything(ConsumerRecord<String, byte[]> record) {
		StringBuilder text = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
		record.headers()
			.forEach((h) -> text.append('\n')
				.append(h.key())
				.append('=')
				.append(new String(h.value(), StandardCharsets.UTF_8)));
		return text.toString();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// the first 8 bytes of the SHA-256 of the target's key, in hex, written out again
	// here
	// rather than calling the worker's
	private static String sha256Prefix(String key) throws Exception {
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(hash).substring(0, 16);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		// the worker's own client settings (request timeout, no retries inside the
		// client)
		@Bean(destroyMethod = "close")
		KubernetesClient mockKubernetesClient(ClusterProperties properties) {
			return cluster.client((config) -> ClusterConfiguration.configure(config, properties));
		}

	}

}
