package io.tagrelay.topics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.tagrelay.local.LocalStack;
import io.tagrelay.local.LocalStackOptions;
import io.tagrelay.local.Services;
import io.tagrelay.testing.cluster.SimulatedCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13's broker matrix: both services, in this JVM, on brokers that auto-create
 * topics or not, whose default partition count is 1, 3 or 12, with tagrelay's topics
 * missing or pre-created by an administrator with other counts (and one with fewer
 * partitions than the worker has consumers), the ingest started before the worker or
 * after it. In every cell a push is applied, {@code GET /deployment} shows it within 5 s,
 * {@code POST ...?wait=true} answers 200, and every topic has the partition count its
 * creator gave it: the administrator's, or {@code tagrelay.kafka.partitions} for a topic
 * tagrelay created, never the broker's default (no broker auto-created one) and never
 * grown.
 * <p>
 * One broker per broker configuration, shared by its cells: each cell has topics (and a
 * Deployment) of its own.
 */
class TopicsMatrixIT {

	/** {@code tagrelay.kafka.partitions}: none of the brokers' defaults. */
	static final int PARTITIONS = 6;

	/** What an administrator created beforehand, in the cells with pre-created topics. */
	static final Map<String, Integer> PRE_CREATED = Map.of("events", 2, "results", 4, "state", 9);

	static final List<String> TOPICS = List.of("events", "events-dlt", "results", "state", "webhooks-dlt");

	static final AtomicInteger cells = new AtomicInteger();

	@TempDir
	static Path dir;

	static SimulatedCluster cluster;

	static EmbeddedKafkaKraftBroker broker;

	static Broker brokerSettings;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	record Broker(boolean autoCreate, int defaultPartitions) {

		@Override
		public String toString() {
			return "auto-create " + (this.autoCreate ? "on" : "off") + ", " + this.defaultPartitions + " partitions";
		}

	}

	enum Topics {

		MISSING, PRE_CREATED

	}

	enum Order {

		INGEST_FIRST, WORKER_FIRST

	}

	static Stream<Object[]> cells() {
		List<Object[]> cells = new ArrayList<>();
		for (boolean autoCreate : List.of(true, false)) {
			for (int partitions : List.of(1, 3, 12)) {
				for (Topics topics : Topics.values()) {
					for (Order order : Order.values()) {
						cells.add(new Object[] { new Broker(autoCreate, partitions), topics, order });
					}
				}
			}
		}
		return cells.stream();
	}

	@BeforeAll
	static void startCluster() {
		cluster = SimulatedCluster.start(0, Duration.ofMillis(50));
		System.setProperty("kubeconfig",
				cluster.writeKubeconfig(dir.resolve("kubeconfig"), "matrix", "demo", "TopicsMatrixIT").toString());
	}

	@AfterAll
	static void stopAll() {
		stopBroker();
		cluster.close();
		System.clearProperty("kubeconfig");
	}

	@ParameterizedTest(name = "{0}, topics {1}, {2}")
	@MethodSource("cells")
	void aPushIsAppliedShownAndAwaitedAndNoTopicIsRepartitioned(Broker settings, Topics topics, Order order)
			throws Exception {
		long cellStart = System.nanoTime();
		useBroker(settings);
		int cell = cells.incrementAndGet();
		String prefix = "m" + cell + ".";
		String name = "web" + cell;
		String repository = "quay.io/acme/" + name;
		cluster.createDeployment("demo", name, repository + ":1.0.0");
		Map<String, Integer> expected = new LinkedHashMap<>();
		TOPICS.forEach((topic) -> expected.put(topic, PARTITIONS));
		if (topics == Topics.PRE_CREATED) {
			preCreate(prefix);
			expected.putAll(PRE_CREATED);
		}
		List<String> arguments = new ArrayList<>(List.of("--ingest-port=0", "--worker-port=0", "--receiver-port=0",
				"--tagrelay.kafka.partitions=" + PARTITIONS, "--tagrelay.targets[0].repository=" + repository,
				"--tagrelay.targets[0].namespace=demo", "--tagrelay.targets[0].deployment=" + name,
				"--tagrelay.targets[0].rollout.initial-interval=50ms", "--tagrelay.targets[0].registry.verify=off",
				"--tagrelay.targets[0].rollout.max-interval=100ms", "--tagrelay.targets[0].rollout.max-attempts=100"));
		TOPICS.forEach((topic) -> arguments.add("--tagrelay.kafka.topics." + topic + "=" + prefix + topic));
		Services services = new Services(broker.getBrokersAsString(), 1,
				LocalStackOptions.parse(arguments.toArray(String[]::new)));
		List<ConfigurableApplicationContext> running = new ArrayList<>();
		try {
			ConfigurableApplicationContext ingest;
			if (order == Order.INGEST_FIRST) {
				ingest = started(running, services.startIngest());
				started(running, services.startWorker());
			}
			else {
				started(running, services.startWorker());
				ingest = started(running, services.startIngest());
			}
			long servicesUp = System.nanoTime();
			int port = ingest.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

			HttpResponse<String> push = push(port, repository, "1.1.0");
			assertThat(push.statusCode()).as(push.body()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> cluster.image("demo", name, name), (repository + ":1.1.0")::equals);
			long applied = System.nanoTime();
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(get(port, name).body()).contains(repository + ":1.1.0"));
			long shown = System.nanoTime();

			HttpResponse<String> waited = setImageAndWait(port, name, repository + ":1.2.0");
			assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
			assertThat(waited.body()).contains(repository + ":1.2.0");
			assertThat(cluster.image("demo", name, name)).isEqualTo(repository + ":1.2.0");
			long answered = System.nanoTime();

			assertThat(partitions(prefix)).isEqualTo(expected);
			System.out.printf(
					"TopicsMatrixIT cell %d [%s, topics %s, %s]: services up %d ms, applied %d ms, "
							+ "shown %d ms later, wait=true answered in %d ms; cell %d ms%n",
					cell, settings, topics, order, millis(cellStart, servicesUp), millis(servicesUp, applied),
					millis(applied, shown), millis(shown, answered), millis(cellStart, System.nanoTime()));
		}
		finally {
			running.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static ConfigurableApplicationContext started(List<ConfigurableApplicationContext> running,
			ConfigurableApplicationContext context) {
		running.add(0, context);
		return context;
	}

	private static long millis(long from, long to) {
		return TimeUnit.NANOSECONDS.toMillis(to - from);
	}

	private static void useBroker(Broker settings) {
		if (settings.equals(brokerSettings)) {
			return;
		}
		stopBroker();
		EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, settings.defaultPartitions());
		started.brokerProperty("auto.create.topics.enable", String.valueOf(settings.autoCreate()));
		started.afterPropertiesSet();
		broker = started;
		brokerSettings = settings;
	}

	private static void stopBroker() {
		if (broker != null) {
			broker.destroy();
			broker = null;
			brokerSettings = null;
		}
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
	}

	private static void preCreate(String prefix) throws Exception {
		try (Admin admin = admin()) {
			admin
				.createTopics(List.of(new NewTopic(prefix + "events", PRE_CREATED.get("events"), (short) 1),
						new NewTopic(prefix + "results", PRE_CREATED.get("results"), (short) 1),
						new NewTopic(prefix + "state", PRE_CREATED.get("state"), (short) 1)
							.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
				.all()
				.get(10, TimeUnit.SECONDS);
		}
	}

	private static Map<String, Integer> partitions(String prefix) throws Exception {
		try (Admin admin = admin()) {
			Map<String, TopicDescription> described = admin
				.describeTopics(TOPICS.stream().map((topic) -> prefix + topic).toList())
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			Map<String, Integer> partitions = new LinkedHashMap<>();
			TOPICS.forEach((topic) -> partitions.put(topic, described.get(prefix + topic).partitions().size()));
			return partitions;
		}
	}

	private HttpResponse<String> push(int port, String repository, String tag) throws Exception {
		return this.http.send(request(port, "/webhook").timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"docker_url\":\"" + repository + "\",\"updated_tags\":[\"" + tag + "\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(int port, String name) throws Exception {
		return this.http.send(
				request(port, "/deployment/demo/" + name + "/" + name).timeout(Duration.ofSeconds(5)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> setImageAndWait(int port, String name, String image) throws Exception {
		return this.http
			.send(request(port, "/deployment/demo/" + name + "/" + name + "?wait=true").timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofString("{\"Image\":\"" + image + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(int port, String path) {
		String basic = Base64.getEncoder()
			.encodeToString(("relay:" + LocalStack.TOKEN).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + basic);
	}

}
