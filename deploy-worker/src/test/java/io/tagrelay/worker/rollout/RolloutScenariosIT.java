package io.tagrelay.worker.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.target.RolloutPolicy.Success;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.Kubectl;
import io.tagrelay.testing.cluster.Kubectl.Verdict;
import io.tagrelay.testing.cluster.PodFate;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.Delivery;
import io.tagrelay.testing.webhook.WebhookReceiver;
import io.tagrelay.worker.ChartRole;
import io.tagrelay.worker.TestTargets;
import io.tagrelay.worker.WorkerTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.tagrelay.testing.cluster.SimulatedCluster.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rollout verdict as a user's pipeline receives it, for every fate a rollout can
 * have, in both success modes ({@code complete}, as {@code kubectl rollout status};
 * {@code available}, one available pod of the new ReplicaSet, as updatekate), against the
 * simulated cluster whose controller behaves as the real one (observation lag, surge
 * steps, progress deadline) with {@code kubectl rollout status --watch=false} as the
 * referee. At the moment each webhook arrives (before the receiver answers it) the test
 * looks at the cluster as the pipeline would: a {@code deployment.updated} never comes
 * before the state it claims, and kubectl agrees with it.
 * <p>
 * Every row runs at once, each on its own Deployment and repository; the table is
 * {@link #rows()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "tagrelay.kafka.partitions=6", "spring.kafka.listener.concurrency=6" })
@EmbeddedKafka(partitions = 6, topics = "tagrelay.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RolloutScenariosIT {

	static final String NAMESPACE = "demo";

	static final SimulatedCluster cluster = SimulatedCluster.start(0, Duration.ofMillis(200));

	static final WebhookReceiver receiver = new WebhookReceiver();

	static final List<Row> ROWS = rows();

	/** What kubectl and the cluster showed when each webhook arrived, by event. */
	static final Map<String, Seen> seen = new ConcurrentHashMap<>();

	static final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();

	static Kubectl.Session kubectl;

	static WorkerTopics topics;

	/**
	 * The table: what each fate does to the rollout, and what the pipeline receives.
	 * @return one row per fate and success mode
	 */
	static List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		for (Success success : Success.values()) {
			rows.add(new Row(Fate.HEALTHY, success, "deployment.updated", null,
					"deployment.updated once the new pods are ready"));
			rows.add(new Row(Fate.SLOW, success, "deployment.updated", null,
					"deployment.updated only after the slow new pods are ready, never before"));
			rows.add(new Row(Fate.CRASH_LOOP, success, "deployment.failed", "ProgressDeadlineExceeded",
					"deployment.failed with the Deployment's ProgressDeadlineExceeded condition and its message"));
			rows.add(new Row(Fate.STALE_DEADLINE, success, "deployment.updated", null,
					"deployment.updated: the deadline of the failed rollout before it is not this one's"));
			rows.add(new Row(Fate.PAUSED, success, "deployment.failed", "the Deployment is paused",
					"deployment.failed at once, saying the Deployment is paused"));
			rows.add(new Row(Fate.ZERO_REPLICAS, success, "deployment.updated", null,
					"deployment.updated at once: 0 replicas have nothing to wait for"));
			rows.add(new Row(Fate.IMAGE_PULL_FAILS, success, "deployment.failed",
					"rollout not " + success.name().toLowerCase() + " after 10 checks",
					"deployment.failed once the checks are spent (the progress deadline is 10 minutes away)"));
			rows.add(new Row(Fate.SCALED_BY_HPA, success, "deployment.updated", null,
					"deployment.updated when the new pods are ready, counted at the new scale"));
			rows.add(new Row(Fate.SECOND_PUSH, success, "deployment.updated", null,
					"deployment.updated for the first push after its rollout, then for the second after its own"));
		}
		return rows;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		for (int i = 0; i < ROWS.size(); i++) {
			Row row = ROWS.get(i);
			TestTargets.register(registry, i, row.repository(), row.name(), null, () -> receiver.url(row.path()));
			String rollout = "tagrelay.targets[" + i + "].rollout.";
			registry.add(rollout + "success", () -> row.success().name().toLowerCase());
			// about 6.5 s of checks: a slow pod (2 s) is waited for, a 3 s deadline seen
			registry.add(rollout + "max-attempts", () -> "10");
			registry.add(rollout + "initial-interval", () -> "200ms");
			registry.add(rollout + "multiplier", () -> "1.5");
			registry.add(rollout + "max-interval", () -> "1s");
		}
	}

	@BeforeAll
	static void start(@Autowired EmbeddedKafkaBroker broker, @Autowired KafkaTemplate<String, byte[]> kafka) {
		topics = new WorkerTopics(broker.getBrokersAsString(), kafka);
		kubectl = kubectlOrSkip().against(cluster);
		cluster.controller().observationLag(Duration.ofMillis(300));
		receiver.observe((delivery) -> seen.put(delivery.json().path("eventId").asString(), look(delivery)));
		ROWS.forEach(RolloutScenariosIT::prepare);
		ROWS.forEach((row) -> await().atMost(Duration.ofSeconds(30)).until(() -> row.fate().ready(row)));
		ROWS.forEach(RolloutScenariosIT::push);
	}

	// the referee is required in CI (.ci/run installs it); elsewhere its absence skips
	private static Kubectl kubectlOrSkip() {
		Optional<Kubectl> kubectl = Kubectl.find();
		if (kubectl.isEmpty()) {
			String reason = "no kubectl on the PATH nor in $" + Kubectl.ENV + ": the rollout referee is missing";
			assertThat(System.getenv("CI")).as(reason).isNotEqualTo("true");
			Assumptions.abort(reason);
		}
		return kubectl.get();
	}

	@AfterAll
	static void stop() {
		background.shutdownNow();
		if (kubectl != null) {
			kubectl.close();
		}
		topics.close();
		receiver.close();
		cluster.close();
	}

	@TestFactory
	Stream<DynamicTest> everyFateInBothSuccessModes() {
		return ROWS.stream().map((row) -> DynamicTest.dynamicTest(row.toString(), () -> verify(row)));
	}

	private static void verify(Row row) {
		int expected = (row.fate() == Fate.SECOND_PUSH) ? 2 : 1;
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(receiver.received(row.path())).hasSize(expected));
		Delivery last = receiver.received(row.path()).get(expected - 1);
		assertThat(receiver.received(row.path())).extracting(Delivery::type).containsOnly(row.type());
		if (row.reason() != null) {
			assertThat(last.json().path("reason").asString()).contains(row.reason());
		}
		Seen atReceipt = seen.get(last.json().path("eventId").asString());
		assertThat(atReceipt).as("what the pipeline found when the webhook arrived").isNotNull();
		assertThat(atReceipt.image()).isEqualTo(last.json().path("image").asString());
		if (row.type().equals("deployment.updated")) {
			assertThat(atReceipt.claimHolds(row.success()))
				.as("the new version runs when the webhook says so: %s", atReceipt)
				.isTrue();
		}
		else {
			assertThat(atReceipt.kubectl().verdict()).as("kubectl does not call it rolled out either: %s", atReceipt)
				.isNotEqualTo(Verdict.DONE);
		}
		if (row.fate() == Fate.CRASH_LOOP) {
			assertThat(atReceipt.kubectl().verdict()).isEqualTo(Verdict.FAILED);
			assertThat(atReceipt.kubectl().message()).contains("exceeded its progress deadline");
		}
	}

	// the Deployment as the webhook found it: kubectl's verdict and the new ReplicaSet
	private static Seen look(Delivery delivery) {
		String name = delivery.json().path("deployment").asString();
		Kubectl.RolloutStatus status = kubectl.rolloutStatus(NAMESPACE, name);
		Deployment deployment = cluster.client().apps().deployments().inNamespace(NAMESPACE).withName(name).get();
		String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
		int newAvailable = cluster.client()
			.apps()
			.replicaSets()
			.inNamespace(NAMESPACE)
			.withLabel("app", name)
			.list()
			.getItems()
			.stream()
			.filter((rs) -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(image))
			.map(ReplicaSet::getStatus)
			.map((rsStatus) -> (rsStatus != null && rsStatus.getAvailableReplicas() != null)
					? rsStatus.getAvailableReplicas() : 0)
			.findFirst()
			.orElse(0);
		return new Seen(status, image, deployment.getSpec().getReplicas(), newAvailable);
	}

	private static void prepare(Row row) {
		cluster.createDeployment(NAMESPACE, row.name(), (row.fate() == Fate.ZERO_REPLICAS) ? 0 : 2,
				container(row.name(), row.image("1.0.0")));
		row.fate().prepare(row);
	}

	private static void push(Row row) {
		row.fate().beforePush(row);
		topics.send(push(row, "1.1.0"));
	}

	private static RegistryPush push(Row row, String tag) {
		return WorkerTopics.push(row.repository(), tag);
	}

	private static void progressDeadline(Row row, int seconds) {
		cluster.client()
			.apps()
			.deployments()
			.inNamespace(NAMESPACE)
			.withName(row.name())
			.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"progressDeadlineSeconds\":" + seconds + "}}");
	}

	private static boolean rolledOut(Row row) {
		return kubectl.rolloutStatus(NAMESPACE, row.name()).verdict() == Verdict.DONE;
	}

	private static boolean deadlineExceeded(Row row) {
		return kubectl.rolloutStatus(NAMESPACE, row.name()).message().contains("exceeded its progress deadline");
	}

	/**
	 * What becomes of the rollout of {@code 1.1.0}, set up before the push.
	 */
	enum Fate {

		/** Its pods are ready at once. */
		HEALTHY,

		/** Its pods take 2 s to become ready. */
		SLOW {
			@Override
			void prepare(Row row) {
				cluster.controller().podsOfImage(row.image("1.1.0"), PodFate.readyAfter(Duration.ofSeconds(2)));
			}
		},

		/** Its pods never become ready; the progress deadline is 3 s. */
		CRASH_LOOP {
			@Override
			void prepare(Row row) {
				cluster.controller().podsOfImage(row.image("1.1.0"), PodFate.crashLoop());
				progressDeadline(row, 3);
			}
		},

		/**
		 * An earlier rollout (of {@code 1.0.1}, set by hand) exceeded its 3 s deadline;
		 * {@code 1.1.0} is healthy.
		 */
		STALE_DEADLINE {
			@Override
			void prepare(Row row) {
				cluster.controller().podsOfImage(row.image("1.0.1"), PodFate.crashLoop());
				progressDeadline(row, 3);
			}

			@Override
			boolean ready(Row row) {
				if (rolledOut(row)) {
					cluster.setImage(NAMESPACE, row.name(), row.name(), row.image("1.0.1"));
					return false;
				}
				return deadlineExceeded(row);
			}
		},

		/** Someone paused the Deployment. */
		PAUSED {
			@Override
			void beforePush(Row row) {
				cluster.pause(NAMESPACE, row.name());
			}
		},

		/** The Deployment has 0 replicas. */
		ZERO_REPLICAS,

		/** Its image is never pulled; the progress deadline is the default 10 minutes. */
		IMAGE_PULL_FAILS {
			@Override
			void prepare(Row row) {
				cluster.controller().podsOfImage(row.image("1.1.0"), PodFate.imagePullFails());
			}
		},

		/** Its pods take 1.5 s; an HPA scales the Deployment from 2 to 4 meanwhile. */
		SCALED_BY_HPA {
			@Override
			void prepare(Row row) {
				cluster.controller().podsOfImage(row.image("1.1.0"), PodFate.readyAfter(Duration.ofMillis(1500)));
				onPatch(row, () -> cluster.scale(NAMESPACE, row.name(), 4));
			}
		},

		/**
		 * Its pods take 1.5 s; {@code 1.2.0} is pushed while they start, and rolls out at
		 * once.
		 */
		SECOND_PUSH {
			@Override
			void prepare(Row row) {
				cluster.controller().podsOfImage(row.image("1.1.0"), PodFate.readyAfter(Duration.ofMillis(1500)));
				onPatch(row, () -> topics.send(push(row, "1.2.0")));
			}
		};

		void prepare(Row row) {
		}

		/**
		 * Whether the row is ready for its push: its first rollout (or, for
		 * {@link #STALE_DEADLINE}, the failed one) is over.
		 */
		boolean ready(Row row) {
			return rolledOut(row);
		}

		void beforePush(Row row) {
		}

		// once, when the worker patches 1.1.0 in, off the API server's thread
		static void onPatch(Row row, Runnable action) {
			cluster.addPatchListener((namespace, name, image, appliedNanos) -> {
				if (name.equals(row.name()) && image.equals(row.image("1.1.0"))) {
					background.schedule(action, 300, TimeUnit.MILLISECONDS);
				}
			});
		}

	}

	/**
	 * One row of the table.
	 *
	 * @param fate what becomes of the rollout
	 * @param success the target's success mode
	 * @param type the webhook the pipeline receives
	 * @param reason what its reason says, for a failure
	 * @param receives what the pipeline receives, in words
	 */
	record Row(Fate fate, Success success, String type, String reason, String receives) {

		String name() {
			return this.fate.name().toLowerCase().replace('_', '-') + "-" + this.success.name().toLowerCase();
		}

		String repository() {
			return "quay.io/scenario/" + name();
		}

		String image(String tag) {
			return repository() + ":" + tag;
		}

		String path() {
			return "/" + name();
		}

		@Override
		public String toString() {
			return this.fate.name().toLowerCase().replace('_', ' ') + ", rollout success "
					+ this.success.name().toLowerCase() + ": " + this.receives;
		}

	}

	/**
	 * The cluster as a pipeline finds it when its webhook arrives.
	 *
	 * @param kubectl what {@code kubectl rollout status --watch=false} says
	 * @param image the image of the Deployment's pod template
	 * @param replicas the desired replicas
	 * @param newAvailable the available pods of the new ReplicaSet
	 */
	record Seen(Kubectl.RolloutStatus kubectl, String image, Integer replicas, int newAvailable) {

		boolean claimHolds(Success success) {
			return switch (success) {
				case COMPLETE -> this.kubectl.verdict() == Verdict.DONE;
				case AVAILABLE -> this.newAvailable >= 1 || Optional.ofNullable(this.replicas).orElse(1) == 0;
			};
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Cluster {

		@Bean
		KubernetesClient mockKubernetesClient(Targets targets) {
			return ChartRole.client(cluster, targets);
		}

	}

}
