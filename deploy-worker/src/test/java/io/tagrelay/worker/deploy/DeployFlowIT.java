package io.tagrelay.worker.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.TagPolicy;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.PodFate;
import io.tagrelay.testing.cluster.RolloutFate;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.Delivery;
import io.tagrelay.testing.webhook.WebhookReceiver;
import io.tagrelay.worker.ChartRole;
import io.tagrelay.worker.TestTargets;
import io.tagrelay.worker.WorkerTopics;
import io.tagrelay.worker.select.Selection;
import io.tagrelay.worker.select.TagSelector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tagrelay.testing.cluster.SimulatedCluster.container;
import static io.tagrelay.worker.WorkerTopics.header;
import static io.tagrelay.worker.WorkerTopics.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole worker against an embedded KRaft broker, a simulated cluster (whose
 * controller completes rollouts at once) and a local webhook receiver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.kafka.partitions=1", "tagrelay.webhook.secret=" + DeployFlowIT.SECRET,
				"tagrelay.webhook.max-attempts=4", "tagrelay.webhook.initial-interval=10ms",
				"tagrelay.webhook.max-interval=50ms" })
@EmbeddedKafka(partitions = 1, topics = "tagrelay.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DeployFlowIT {

	static final String KEY = "tagrelay-test-signing-key";

	static final String SECRET = "whsec_dGFncmVsYXktdGVzdC1zaWduaW5nLWtleQ==";

	static final SimulatedCluster cluster = cluster();

	static final WebhookReceiver receiver = new WebhookReceiver();

	static WorkerTopics topics;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	ContainerUpdater updater;

	@Autowired
	Targets targets;

	// one property source for every target: Boot binds a list from a single source
	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		target(registry, 0, "quay.io/acme/web", "web", "web", "/web");
		target(registry, 1, "quay.io/acme/shared", "blue", null, "/hooks");
		target(registry, 2, "quay.io/acme/shared", "green", null, "/hooks");
		target(registry, 3, "quay.io/acme/app", "pod", "app", "/hooks");
		target(registry, 4, "quay.io/acme/snap", "snap", null, "/hooks");
		target(registry, 5, "quay.io/acme/stuck", "stuck", null, "/stuck");
		registry.add("tagrelay.targets[5].rollout.max-attempts", () -> "3");
		registry.add("tagrelay.targets[5].rollout.rollback-on-failure", () -> "true");
		target(registry, 6, "quay.io/acme/late", "late", null, "/hooks");
		target(registry, 7, "quay.io/acme/next", "next", null, "/hooks");
		target(registry, 8, "quay.io/acme/gone", "gone", null, "/gone");
		target(registry, 9, "quay.io/acme/down", "down", null, "/down");
		target(registry, 10, "quay.io/acme/manual", "manual", null, "/hooks");
		target(registry, 11, "quay.io/acme/pair", "pair", null, "/pair");
		registry.add("tagrelay.targets[11].rollout.max-attempts", () -> "20");
		registry.add("tagrelay.targets[11].rollout.rollback-on-failure", () -> "true");
	}

	private static void target(DynamicPropertyRegistry registry, int index, String repository, String deployment,
			String container, String webhook) {
		TestTargets.register(registry, index, repository, deployment, container, () -> receiver.url(webhook));
	}

	@BeforeAll
	static void readTopics(@Autowired EmbeddedKafkaBroker broker, @Autowired KafkaTemplate<String, byte[]> kafka) {
		topics = new WorkerTopics(broker.getBrokersAsString(), kafka);
	}

	static SimulatedCluster cluster() {
		SimulatedCluster cluster = SimulatedCluster.start();
		cluster.createDeployment("demo", "web", 2, container("web", "quay.io/acme/web:1.0.0"));
		cluster.createDeployment("demo", "blue", 2, container("blue", "quay.io/acme/shared:2.0.0"));
		cluster.createDeployment("demo", "green", 2, container("green", "quay.io/acme/shared:2.0.1"));
		cluster.createDeployment("demo", "pod", 2, container("app", "quay.io/acme/app:1.0.0"),
				container("worker", "quay.io/acme/app:1.0.0"), container("proxy", "quay.io/other/proxy:1.0.0"));
		cluster.createDeployment("demo", "snap", 2, container("snap", "quay.io/acme/snap:0.0.2-SNAPSHOT"));
		cluster.createDeployment("demo", "stuck", 2, container("stuck", "quay.io/acme/stuck:1.0.0"));
		cluster.controller().fate("demo", "stuck", RolloutFate.STALLS);
		cluster.createDeployment("demo", "late", 2, container("late", "quay.io/acme/late:1.0.0"));
		cluster.createDeployment("demo", "next", 2, container("next", "quay.io/acme/next:1.0.0"));
		cluster.createDeployment("demo", "gone", 2, container("gone", "quay.io/acme/gone:1.0.0"));
		cluster.createDeployment("demo", "down", 2, container("down", "quay.io/acme/down:1.0.0"));
		cluster.createDeployment("demo", "manual", 2, container("manual", "quay.io/acme/manual:1.0.0"));
		cluster.createDeployment("demo", "pair", 2, container("pair", "quay.io/acme/pair:1.0.0"));
		cluster.controller().podsOfImage("quay.io/acme/pair:1.2.0", PodFate.crashLoop());
		return cluster;
	}

	@AfterAll
	static void close() {
		topics.close();
		receiver.close();
		cluster.close();
	}

	@Test
	void movesToTheNewestSemverTagAndDeliversOneSignedWebhookAfterFailedAttempts() throws Exception {
		receiver.failFirst("/web", 2);
		RegistryPush push = push("quay.io/acme/web", "0.9.0", "1.2.0", "latest", "1.1.5", "sha-123456");
		topics.send(push);
		await().untilAsserted(() -> assertThat(receiver.received("/web")).hasSize(1));
		assertThat(cluster.image("demo", "web", "web")).isEqualTo("quay.io/acme/web:1.2.0");
		Delivery delivery = receiver.received("/web").get(0);
		assertThat(delivery.signature()).isEqualTo(independentSignature(delivery));
		assertThat(delivery.webhookId()).startsWith("msg_" + push.eventId() + "_");
		JsonNode body = delivery.json();
		assertThat(delivery.fields("type", "eventId", "namespace", "deployment", "container", "repository",
				"previousImage", "image", "tag"))
			.containsExactly("deployment.updated", push.eventId(), "demo", "web", "web", "quay.io/acme/web",
					"quay.io/acme/web:1.0.0", "quay.io/acme/web:1.2.0", "1.2.0");
		assertThat(body.has("receivedAt") && body.has("startedAt") && body.has("finishedAt") && body.has("timestamp"))
			.isTrue();
		assertThat(topics.states("demo/web/web")).last()
			.extracting(TargetState::image)
			.isEqualTo("quay.io/acme/web:1.2.0");
		assertThat(topics.webhookDeadLetters("demo/web/web")).isEmpty();

		RegistryPush older = push("quay.io/acme/web", "0.9.0", "1.1.5");
		topics.send(older);
		await().untilAsserted(() -> assertThat(topics.outcomes(older)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
			assertThat(outcome.reason()).contains("newer than the running 1.2.0");
		}));
		assertThat(cluster.image("demo", "web", "web")).isEqualTo("quay.io/acme/web:1.2.0");
		assertThat(receiver.received("/web")).hasSize(1);
	}

	@Test
	void updatesEveryTargetThatSharesTheRepository() {
		RegistryPush push = push("quay.io/acme/shared", "2.1.0");
		topics.send(push);
		await().untilAsserted(() -> assertThat(topics.outcomes(push)).extracting(DeploymentOutcome::result)
			.containsExactly(Result.UPDATED, Result.UPDATED));
		assertThat(cluster.image("demo", "blue", "blue")).isEqualTo("quay.io/acme/shared:2.1.0");
		assertThat(cluster.image("demo", "green", "green")).isEqualTo("quay.io/acme/shared:2.1.0");
	}

	@Test
	void movesOnlyTheDeploymentsOfAScopedClientsPush() {
		String blue = cluster.image("demo", "blue", "blue");
		RegistryPush any = push("quay.io/acme/shared", "2.0.5");
		// a client scoped to demo/green (the ingest puts its scope into the event)
		RegistryPush scoped = new RegistryPush(any.eventId(), any.repository(), any.tags(), "quay", any.receivedAt(),
				null, "green-only", List.of("demo/green"));
		topics.send(scoped);

		// one outcome, green's (updated, or skipped if a newer tag runs there already),
		// and none for blue, which the same repository's push would otherwise move
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(topics.outcomes(scoped)).extracting((o) -> o.target().deployment())
				.containsExactly("green"));
		assertThat(cluster.image("demo", "blue", "blue")).isEqualTo(blue);
		// who asked travels with the outcome, into the webhook
		assertThat(topics.outcomes(scoped)).extracting(DeploymentOutcome::client).containsExactly("green-only");
	}

	@Test
	void changesOnlyTheNamedContainerOfAMultiContainerPod() {
		RegistryPush push = push("quay.io/acme/app", "1.1.0");
		topics.send(push);
		await().untilAsserted(() -> assertThat(topics.outcomes(push)).extracting(DeploymentOutcome::result)
			.containsExactly(Result.UPDATED));
		assertThat(cluster.image("demo", "pod", "app")).isEqualTo("quay.io/acme/app:1.1.0");
		assertThat(cluster.image("demo", "pod", "worker")).isEqualTo("quay.io/acme/app:1.0.0");
		assertThat(cluster.image("demo", "pod", "proxy")).isEqualTo("quay.io/other/proxy:1.0.0");
	}

	@Test
	void followsAPreReleaseLine() {
		RegistryPush push = push("quay.io/acme/snap", "0.0.2-SNAPSHOT.2", "0.0.3-rc.1");
		topics.send(push);
		await().untilAsserted(() -> assertThat(topics.outcomes(push)).extracting(DeploymentOutcome::result)
			.containsExactly(Result.UPDATED));
		assertThat(cluster.image("demo", "snap", "snap")).isEqualTo("quay.io/acme/snap:0.0.2-SNAPSHOT.2");
	}

	/**
	 * The failed tag stays refused ("pinned") after the rollback: pushed again, it is
	 * skipped with the reason; a newer tag is applied (and fails too here).
	 */
	@Test
	void failsARolloutThatNeverCompletesRollsBackAndDoesNotApplyTheFailedTagAgain() throws Exception {
		RegistryPush push = push("quay.io/acme/stuck", "1.1.0");
		topics.send(push);
		await().untilAsserted(() -> assertThat(receiver.received("/stuck")).hasSize(1));
		DeploymentOutcome outcome = topics.outcomes(push).get(0);
		assertThat(outcome.result()).isEqualTo(Result.FAILED);
		assertThat(outcome.reason()).contains("rollout not complete after 3 checks")
			.contains("rolled back to quay.io/acme/stuck:1.0.0");
		assertThat(outcome.rolledBack()).isTrue();
		assertThat(outcome.image()).isEqualTo("quay.io/acme/stuck:1.1.0");
		assertThat(cluster.image("demo", "stuck", "stuck")).isEqualTo("quay.io/acme/stuck:1.0.0");
		JsonNode body = receiver.received("/stuck").get(0).json();
		assertThat(body.path("type").asString()).isEqualTo("deployment.failed");
		assertThat(body.path("reason").asString()).contains("rollout not complete");
		assertThat(body.path("rolledBack").asBoolean()).isTrue();

		RegistryPush again = push("quay.io/acme/stuck", "1.1.0");
		topics.send(again);
		await().untilAsserted(() -> assertThat(topics.outcomes(again)).singleElement().satisfies((skip) -> {
			assertThat(skip.result()).isEqualTo(Result.SKIPPED);
			assertThat(skip.reason())
				.isEqualTo("tag 1.1.0 failed to roll out here and was rolled back; only a newer tag is applied");
		}));

		// applied (and, stalling too, rolled back): the pin is on 1.1.1 now
		RegistryPush newer = push("quay.io/acme/stuck", "1.1.0", "1.1.1");
		topics.send(newer);
		await().untilAsserted(() -> assertThat(topics.outcomes(newer)).singleElement().satisfies((failed) -> {
			assertThat(failed.result()).isEqualTo(Result.FAILED);
			assertThat(failed.image()).isEqualTo("quay.io/acme/stuck:1.1.1");
			assertThat(failed.rolledBack()).isTrue();
		}));
		assertThat(receiver.received("/stuck")).hasSize(2);
	}

	@Test
	void refusesToOverwriteAConcurrentChangeAndDecidesAgain() {
		cluster.createDeployment("demo", "race", 2, container("race", "quay.io/acme/race:1.0.0"));
		// a target of the updater's own, which the chart's Role would name too
		cluster.rbac().grantByName(ChartRole.WORKER, "demo", "race");
		RegistryPush push = push("quay.io/acme/race", "1.2.0");
		AtomicBoolean raced = new AtomicBoolean();
		TagSelector selector = new TagSelector();
		Choice.Decision decision = (container) -> {
			if (raced.compareAndSet(false, true)) {
				setImage("race", "quay.io/acme/race:1.3.0");
			}
			ImageReference running = container.reference();
			Selection selection = selector.select(running, push.tags(), TagPolicy.defaults());
			return selection.chosen() ? Choice.apply(running.withTag(selection.tag()))
					: Choice.skip(selection.reason());
		};

		DeploymentOutcome outcome = this.updater
			.update(new UpdateRequest(push, raceTarget(), "race", decision, Instant.now()));

		assertThat(raced).isTrue();
		assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
		assertThat(cluster.image("demo", "race", "race")).isEqualTo("quay.io/acme/race:1.3.0");
	}

	/**
	 * 1.1.0 (good) and 1.2.0 (crash-looping) arrive in one poll, rollback on: collapsed,
	 * 1.2.0 is tried, fails and is rolled back, then 1.1.0 is tried and applied, so the
	 * Deployment ends on 1.1.0, as handling them one by one would have left it.
	 */
	@Test
	void aCollapsedWinnerThatFailsAndIsRolledBackLetsTheNextBestTagBeApplied() {
		RegistryPush good = push("quay.io/acme/pair", "1.1.0");
		RegistryPush broken = push("quay.io/acme/pair", "1.2.0");
		this.listeners.getListenerContainer("events").stop();
		try {
			topics.send(good);
			topics.send(broken);
		}
		finally {
			this.listeners.getListenerContainer("events").start();
		}

		await().untilAsserted(() -> assertThat(receiver.received("/pair")).hasSize(2));
		assertThat(receiver.received("/pair")).extracting((delivery) -> delivery.fields("type", "image"))
			.containsExactly(List.of("deployment.failed", "quay.io/acme/pair:1.2.0"),
					List.of("deployment.updated", "quay.io/acme/pair:1.1.0"));
		assertThat(topics.outcomes(broken)).singleElement()
			.satisfies((outcome) -> assertThat(outcome.rolledBack()).isTrue());
		assertThat(cluster.image("demo", "pair", "pair")).isEqualTo("quay.io/acme/pair:1.1.0");
	}

	@Test
	void appliesEventsQueuedWhileTheWorkerWasStopped() {
		this.listeners.getListenerContainer("events").stop();
		try {
			RegistryPush push = push("quay.io/acme/late", "1.0.1");
			topics.send(push);
			assertThat(topics.outcomes(push)).isEmpty();
			assertThat(cluster.image("demo", "late", "late")).isEqualTo("quay.io/acme/late:1.0.0");
			this.listeners.getListenerContainer("events").start();
			await().untilAsserted(
					() -> assertThat(cluster.image("demo", "late", "late")).isEqualTo("quay.io/acme/late:1.0.1"));
		}
		finally {
			this.listeners.getListenerContainer("events").start();
		}
	}

	@Test
	void deadLettersAPoisonRecordAndHandlesTheNextEvent() {
		this.kafka.send("tagrelay.events", "quay.io/acme/next", "{not json".getBytes(StandardCharsets.UTF_8));
		RegistryPush push = push("quay.io/acme/next", "1.0.1");
		topics.send(push);
		await().untilAsserted(() -> assertThat(topics.outcomes(push)).extracting(DeploymentOutcome::result)
			.containsExactly(Result.UPDATED));
		await().untilAsserted(
				() -> assertThat(topics.records(WorkerTopics.EVENTS_DLT)).singleElement().satisfies((record) -> {
					assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
					assertThat(header(record, "kafka_dlt-exception-message")).contains("not a valid DeployEvent");
				}));
	}

	@Test
	void deadLettersAWebhookTheReceiverRejectsWithoutRetrying() {
		receiver.failFirst("/gone", 100, 410);
		topics.send(push("quay.io/acme/gone", "1.1.0"));
		await().untilAsserted(() -> assertThat(topics.webhookDeadLetters("demo/gone/gone")).singleElement()
			.satisfies((record) -> assertThat(header(record, "kafka_dlt-exception-message")).contains("answered 410")));
		assertThat(receiver.attempts("/gone")).isEqualTo(1);
		assertThat(cluster.image("demo", "gone", "gone")).isEqualTo("quay.io/acme/gone:1.1.0");
	}

	@Test
	void deadLettersAWebhookAfterTheLastAttempt() {
		receiver.failFirst("/down", 100);
		topics.send(push("quay.io/acme/down", "1.1.0"));
		await().untilAsserted(() -> assertThat(topics.webhookDeadLetters("demo/down/down")).singleElement()
			.satisfies((record) -> assertThat(header(record, "kafka_dlt-exception-message")).contains("answered 503")));
		assertThat(receiver.attempts("/down")).isEqualTo(4);
	}

	@Test
	void setsTheRequestedImageOnTheRequestedContainer() {
		ImageRequest request = new ImageRequest(EventIds.next(), new TargetRef("demo", "pod", "app"),
				"quay.io/acme/app:0.9.0", Instant.now());
		topics.send(request);
		await().untilAsserted(() -> assertThat(topics.outcomes(request)).extracting(DeploymentOutcome::result)
			.containsExactly(Result.UPDATED));
		assertThat(cluster.image("demo", "pod", "app")).isEqualTo("quay.io/acme/app:0.9.0");
	}

	/**
	 * A replay after a lost offset: an image request accepted two hours ago (older than
	 * {@code tagrelay.kafka.max-event-age}) is skipped, not applied as the downgrade it
	 * now is, and sends no webhook.
	 */
	@Test
	void skipsAnEventOlderThanTheMaximumAgeInsteadOfApplyingIt() {
		ImageRequest old = new ImageRequest(EventIds.next(), new TargetRef("demo", "web", "web"),
				"quay.io/acme/web:0.1.0", Instant.now().minus(Duration.ofHours(2)));
		topics.send(old);

		await().untilAsserted(() -> assertThat(topics.outcomes(old)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
			assertThat(outcome.reason()).contains("older than tagrelay.kafka.max-event-age (PT1H); not applied");
		}));
		assertThat(cluster.image("demo", "web", "web")).isNotEqualTo("quay.io/acme/web:0.1.0");
	}

	@Test
	void reportsHealthAndMetricsOnTheManagementPort(@LocalServerPort int port) throws Exception {
		await().untilAsserted(() -> assertThat(topics.records("tagrelay.results")).isNotEmpty());
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> health = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		assertThat(health.body()).contains("\"kubernetes\"").contains("\"kafka\"").contains("UP");
		HttpResponse<String> metrics = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.body()).contains("tagrelay_deployments_total");
	}

	@Test
	void publishesTheStateOfEveryTargetAtStartUp() {
		await().untilAsserted(() -> assertThat(topics.states("demo/next/next")).isNotEmpty());
		assertThat(topics.states("demo/pod/app")).first()
			.extracting(TargetState::repository)
			.isEqualTo("quay.io/acme/app");
	}

	/**
	 * A person runs {@code kubectl set image}: the worker's watch sees it and publishes
	 * the state, so that the ingest's {@code GET /deployment} shows it, without any
	 * event.
	 */
	@Test
	void publishesTheStateOfATargetAPersonChangedByHand() {
		await().untilAsserted(() -> assertThat(topics.states("demo/manual/manual")).isNotEmpty());

		setImage("manual", "quay.io/acme/manual:1.0.1-hotfix");

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(topics.states("demo/manual/manual")).last()
				.extracting(TargetState::image)
				.isEqualTo("quay.io/acme/manual:1.0.1-hotfix"));
	}

	private io.tagrelay.model.target.Target raceTarget() {
		return io.tagrelay.model.target.Target.of("quay.io/acme/race", "demo", "race", null);
	}

	// someone else's change, made the way kubectl set image would: without a test op
	private void setImage(String deployment, String image) {
		cluster.client()
			.apps()
			.deployments()
			.inNamespace("demo")
			.withName(deployment)
			.patch(PatchContext.of(PatchType.JSON),
					"[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"" + image
							+ "\"}]");
	}

	// the Standard Webhooks scheme, written out again here rather than calling the
	// worker's
	private static String independentSignature(Delivery delivery) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
		byte[] signed = mac.doFinal(concat(
				(delivery.webhookId() + "." + delivery.webhookTimestamp() + ".").getBytes(StandardCharsets.UTF_8),
				delivery.body()));
		assertThat(new String(Base64.getDecoder().decode(SECRET.substring(6)), StandardCharsets.UTF_8)).isEqualTo(KEY);
		return "v1," + Base64.getEncoder().encodeToString(signed);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = new byte[a.length + b.length];
		System.arraycopy(a, 0, both, 0, a.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		@Bean
		KubernetesClient mockKubernetesClient(Targets targets) {
			return ChartRole.client(cluster, targets);
		}

	}

}
