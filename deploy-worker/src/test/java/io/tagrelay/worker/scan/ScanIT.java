package io.tagrelay.worker.scan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.kafka.TopicReader;
import io.tagrelay.testing.registry.DistributionRegistry;
import io.tagrelay.testing.registry.PushedImage;
import io.tagrelay.testing.registry.RegistryRequest;
import io.tagrelay.testing.registry.RegistryTool;
import io.tagrelay.worker.WorkerApplication;
import io.tagrelay.worker.WorkerTopics;
import io.tagrelay.worker.consume.EventsAssignment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static io.tagrelay.testing.cluster.SimulatedCluster.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciliation scan against a real registry (CNCF Distribution, filled with skopeo)
 * with no webhook at all: two worker replicas, started as a user starts them, share an
 * events topic of 4 partitions on a broker that auto-creates nothing. A tag pushed only
 * to the registry is applied within one scan interval, each repository is scanned by one
 * replica once per interval, a re-pushed tracked tag is followed, and a scan that changes
 * nothing publishes no outcome. Skipped, with the reason, where the registry's tools are
 * missing (failed in CI).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanIT {

	static final Duration INTERVAL = Duration.ofSeconds(3);

	static final int REPOSITORIES = 8;

	static final int PARTITIONS = 4;

	static final Optional<String> unavailable = RegistryTool.unavailable();

	static DistributionRegistry registry;

	static EmbeddedKafkaBroker broker;

	static SimulatedCluster cluster;

	static final List<ConfigurableApplicationContext> workers = new ArrayList<>();

	static TopicReader topics;

	@BeforeAll
	static void start() {
		if (unavailable.isPresent()) {
			return;
		}
		registry = DistributionRegistry.start();
		EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, PARTITIONS, WorkerTopics.EVENTS);
		kraft.brokerProperty("auto.create.topics.enable", "false");
		kraft.brokerProperty("num.partitions", "1");
		kraft.afterPropertiesSet();
		broker = kraft;
		cluster = SimulatedCluster.start();
		for (int i = 0; i < REPOSITORIES; i++) {
			registry.push("acme/s" + i, "1.0.0");
			cluster.createDeployment("demo", "s" + i, 1, container("app", repository(i) + ":1.0.0"));
		}
		registry.push("acme/tracked", "latest");
		cluster.createDeployment("demo", "tracked", 1, container("app", repository("acme/tracked") + ":latest"));
		topics = TopicReader.fromBeginning(broker.getBrokersAsString(), WorkerTopics.EVENTS, WorkerTopics.RESULTS);
		workers.add(worker());
		workers.add(worker());
	}

	// each test, not the class, so that a skip is counted and shows its reason
	@BeforeEach
	void tools() {
		unavailable.ifPresent(Assumptions::abort);
	}

	@AfterAll
	static void stop() {
		workers.forEach(ConfigurableApplicationContext::close);
		if (topics != null) {
			topics.close();
		}
		if (cluster != null) {
			cluster.close();
		}
		if (broker != null) {
			broker.destroy();
		}
		if (registry != null) {
			registry.close();
		}
	}

	@Test
	@Order(1)
	void appliesATagPushedOnlyToTheRegistryWithinOneScanInterval() {
		PushedImage pushed = registry.push("acme/s0", "1.1.0");

		await().atMost(INTERVAL.plusSeconds(5))
			.untilAsserted(() -> assertThat(cluster.image("demo", "s0", "app")).isEqualTo(pushed.reference()));
		await().untilAsserted(() -> assertThat(outcomes()).anySatisfy((outcome) -> {
			assertThat(outcome.target().key()).isEqualTo("demo/s0/app");
			assertThat(outcome.result()).isEqualTo(DeploymentOutcome.Result.UPDATED);
			assertThat(outcome.client()).isEqualTo("scan");
			assertThat(outcome.digest()).isEqualTo(pushed.digest());
		}));
	}

	@Test
	@Order(2)
	void scansEachRepositoryOnceAnIntervalOnTheReplicaOwningItsPartition() {
		awaitStableAssignment();
		Map<String, Long> before = tagListsByRepository();

		int intervals = 4;
		sleep(INTERVAL.multipliedBy(intervals));

		Map<String, Long> after = tagListsByRepository();
		for (int i = 0; i < REPOSITORIES; i++) {
			String path = "acme/s" + i;
			long scans = after.getOrDefault(path, 0L) - before.getOrDefault(path, 0L);
			// one per interval, give or take the one in flight at either edge: two
			// replicas
			// scanning the same repository would list its tags twice as often
			assertThat(scans).as("tag lists of " + path + " in " + intervals + " intervals")
				.isBetween((long) intervals - 1, (long) intervals + 1);
		}
		// every scan's push went to the partition that the replica scanning owns
		List<ConsumerRecord<String, byte[]>> scanPushes = scanPushes();
		assertThat(scanPushes).isNotEmpty()
			.allSatisfy((record) -> assertThat(record.partition()).as(record.key())
				.isEqualTo(PartitionOwner.partition(record.key(), PARTITIONS)));
	}

	@Test
	@Order(3)
	void followsATrackedTagRepushedWithoutAWebhook() {
		await().atMost(INTERVAL.plusSeconds(5))
			.untilAsserted(() -> assertThat(cluster.image("demo", "tracked", "app")).contains("@sha256:"));
		String first = cluster.image("demo", "tracked", "app");

		PushedImage repushed = registry.push("acme/tracked", "latest");

		await().atMost(INTERVAL.plusSeconds(5))
			.untilAsserted(() -> assertThat(cluster.image("demo", "tracked", "app")).isEqualTo(repushed.pinned()));
		assertThat(first).isNotEqualTo(repushed.pinned());
	}

	@Test
	@Order(4)
	void publishesNoOutcomeForAScanThatChangesNothing() {
		awaitStableAssignment();
		sleep(INTERVAL.multipliedBy(2));

		Set<String> scans = scanPushes().stream().map((record) -> eventId(record)).collect(Collectors.toSet());
		List<DeploymentOutcome> ofScans = outcomes().stream()
			.filter((outcome) -> scans.contains(outcome.eventId()))
			.toList();
		// many scans, and an outcome only for those that moved a Deployment
		assertThat(scans).hasSizeGreaterThan(REPOSITORIES * 2);
		assertThat(ofScans).extracting(DeploymentOutcome::result).containsOnly(DeploymentOutcome.Result.UPDATED);
		assertThat(ofScans).extracting((outcome) -> outcome.target().key())
			.containsOnly("demo/s0/app", "demo/tracked/app");
		long unchanged = workers.stream()
			.mapToLong((worker) -> (long) worker.getBean(MeterRegistry.class)
				.get("tagrelay.scan.unchanged")
				.counter()
				.count())
			.sum();
		assertThat(unchanged).isGreaterThan(REPOSITORIES);
	}

	private static ConfigurableApplicationContext worker() {
		List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
				"--server.port=0", "--management.server.port=0", "--spring.kafka.listener.concurrency=2",
				"--tagrelay.registries[0].host=" + registry.host(), "--tagrelay.registries[0].insecure=true",
				"--tagrelay.scan.tick=200ms"));
		for (int i = 0; i < REPOSITORIES; i++) {
			args.addAll(target(i, repository(i), "s" + i, false));
		}
		args.addAll(target(REPOSITORIES, repository("acme/tracked"), "tracked", true));
		return new SpringApplicationBuilder(WorkerApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("mockClient", cluster.client()))
			.run(args.toArray(String[]::new));
	}

	private static List<String> target(int n, String repository, String deployment, boolean trackDigest) {
		String prefix = "--tagrelay.targets[" + n + "].";
		return List.of(prefix + "repository=" + repository, prefix + "namespace=demo",
				prefix + "deployment=" + deployment, prefix + "registry.verify=required",
				prefix + "scan-interval=" + INTERVAL.toSeconds() + "s", prefix + "track-digest=" + trackDigest,
				prefix + "rollout.initial-interval=50ms");
	}

	private static String repository(int i) {
		return repository("acme/s" + i);
	}

	private static String repository(String path) {
		return registry.host() + "/" + path;
	}

	// both replicas hold partitions, none twice, all of them between the two
	private static void awaitStableAssignment() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Set<Integer>> owned = workers.stream()
				.map((worker) -> worker.getBean(EventsAssignment.class).partitions())
				.toList();
			assertThat(owned).allSatisfy((partitions) -> assertThat(partitions).isNotEmpty());
			Set<Integer> all = new HashSet<>();
			owned.forEach(all::addAll);
			assertThat(all).hasSize(PARTITIONS);
			assertThat(owned.stream().mapToInt(Set::size).sum()).isEqualTo(PARTITIONS);
		});
	}

	// the worker's tag lists per repository, as the registry's access log has them
	private static Map<String, Long> tagListsByRepository() {
		return registry.requests()
			.stream()
			.filter((request) -> request.method().equals("GET") && request.path().contains("/tags/list"))
			.map(RegistryRequest::path)
			.map((path) -> path.substring("/v2/".length(), path.indexOf("/tags/list")))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static List<ConsumerRecord<String, byte[]>> scanPushes() {
		EventCodec codec = new EventCodec();
		return topics.records(WorkerTopics.EVENTS)
			.stream()
			.filter((record) -> codec.readEvent(record.value()) instanceof RegistryPush push && push.fromScan())
			.toList();
	}

	private static String eventId(ConsumerRecord<String, byte[]> record) {
		return new EventCodec().readEvent(record.value()).eventId();
	}

	private static List<DeploymentOutcome> outcomes() {
		return topics.values(WorkerTopics.RESULTS, new EventCodec()::readOutcome);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
