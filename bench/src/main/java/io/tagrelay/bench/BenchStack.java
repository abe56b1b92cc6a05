package io.tagrelay.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.tagrelay.bench.cluster.PatchRecorder;
import io.tagrelay.bench.kafka.EventSender;
import io.tagrelay.bench.registry.BenchRegistry;
import io.tagrelay.bench.service.BenchService;
import io.tagrelay.bench.service.Launch;
import io.tagrelay.bench.service.Launcher;
import io.tagrelay.bench.service.NativeMemory;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.cluster.SimulatedCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What the figures run against: a real Kafka broker (embedded KRaft, in this JVM), the
 * simulated cluster (in this JVM, without a controller: every Deployment's rollouts are
 * complete as soon as its spec is patched) holding one Deployment per target, whose image
 * patches the {@link PatchRecorder} records, and the two services, each its own JVM
 * started from its runnable jar with the same property keys a deployment uses.
 */
final class BenchStack implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BenchStack.class);

	static final String TOKEN = "bench";

	static final String EVENTS = "tagrelay.events";

	static final String RESULTS = "tagrelay.results";

	static final String INGEST_REPOSITORY = "quay.io/bench/ingest";

	static final String LATENCY_REPOSITORY = "quay.io/bench/latency";

	static final String FIRST_TAG = "1.0.0";

	/** The namespace of every benchmark Deployment. */
	static final String NAMESPACE = "bench";

	/** The container every benchmark Deployment runs. */
	static final String CONTAINER = "app";

	/** The user, and token, of the worker's kubeconfig. */
	private static final String KUBE_USER = "bench";

	private final List<AutoCloseable> running = new ArrayList<>();

	private final Path root;

	private final Path dir;

	private final BenchOptions options;

	private final EmbeddedKafkaKraftBroker broker;

	private final SimulatedCluster cluster;

	private final PatchRecorder recorder = new PatchRecorder();

	private final Path targets;

	private final Path startupTargets;

	private final Launcher launcher;

	private final Path kubeconfig;

	BenchStack(Path root, Path dir, BenchOptions options) throws IOException {
		this.root = root;
		this.dir = dir;
		this.options = options;
		this.launcher = new Launcher(root, dir, options.imageJava());
		this.broker = new EmbeddedKafkaKraftBroker(1, 6);
		this.broker.afterPropertiesSet();
		this.running.add(this.broker::destroy);
		this.cluster = SimulatedCluster.withoutController();
		this.running.add(0, this.cluster);
		this.cluster.addPatchListener(this.recorder);
		for (String deployment : deployments()) {
			this.cluster.createDeployment(NAMESPACE, deployment, 1,
					SimulatedCluster.container(CONTAINER, "quay.io/bench/" + deployment + ":" + FIRST_TAG));
			this.cluster.rolledOutForever(NAMESPACE, deployment);
		}
		this.targets = writeTargets(dir.resolve("targets.properties"), deployments());
		this.startupTargets = writeTargets(dir.resolve("targets-startup.properties"), List.of("ingest", "latency"));
		this.kubeconfig = this.cluster.writeKubeconfig(dir.resolve("kubeconfig"), KUBE_USER, NAMESPACE, null);
		// the worker signs in with the kubeconfig's token, and may do what the chart's
		// Role for
		// its watch scope grants: the Deployments by name, and the namespace's watch if
		// it
		// watches the namespace
		this.cluster.rbac().grantByName(KUBE_USER, NAMESPACE, deployments().toArray(String[]::new));
		if (options.workerArgs().contains("--tagrelay.cluster.watch-scope=namespace")) {
			this.cluster.rbac().grantWatchOfNamespace(KUBE_USER, NAMESPACE);
		}
	}

	/**
	 * The worker's throughput targets: {@code quay.io/bench/w0000} → {@code bench/w0000},
	 * ...
	 */
	static String workerTarget(int i) {
		return "w%04d".formatted(i);
	}

	private List<String> deployments() {
		return Stream
			.concat(Stream.of("ingest", "latency"),
					IntStream.range(0, this.options.targets()).mapToObj(BenchStack::workerTarget))
			.toList();
	}

	private static Path writeTargets(Path file, List<String> names) throws IOException {
		String properties = IntStream.range(0, names.size())
			.mapToObj((i) -> String.join("\n",
					"tagrelay.targets[%d].repository=quay.io/bench/%s".formatted(i, names.get(i)),
					"tagrelay.targets[%d].namespace=%s".formatted(i, NAMESPACE),
					"tagrelay.targets[%d].deployment=%s".formatted(i, names.get(i)),
					"tagrelay.targets[%d].container=%s".formatted(i, CONTAINER),
					// made-up repositories, in no registry
					"tagrelay.targets[%d].registry.verify=off".formatted(i)))
			.collect(Collectors.joining("\n", "", "\n"));
		return Files.writeString(file, properties);
	}

	/**
	 * Starts the ingest.
	 * @param launch how
	 * @param startupOnly with only the two targets of figures 1 and 2, for the start-up
	 * figure; otherwise with every target, for the other figures
	 */
	BenchService startIngest(Launch launch, boolean startupOnly) throws Exception {
		List<String> args = new ArrayList<>(common(startupOnly));
		args.add("--tagrelay.ingest.tokens=" + TOKEN);
		// the bench measures the ingest at full speed with one token: no per-client limit
		args.add("--tagrelay.ingest.rate-limit.per-client.limit=1000000");
		args.addAll(this.options.ingestArgs());
		return start(name("ingest", launch, startupOnly), "ingest-service", launch, startupOnly,
				this.options.ingestJvm(), args, Map.of());
	}

	/**
	 * Starts the worker.
	 * @param launch how
	 * @param startupOnly as for {@link #startIngest(Launch, boolean)}
	 */
	BenchService startWorker(Launch launch, boolean startupOnly) throws Exception {
		List<String> args = new ArrayList<>(common(startupOnly));
		args.addAll(this.options.workerArgs());
		return start(name("worker", launch, startupOnly), "deploy-worker", launch, startupOnly,
				this.options.workerJvm(), args, Map.of("KUBECONFIG", this.kubeconfig.toString()));
	}

	/**
	 * Starts a worker whose targets all scan (figure 6): one Deployment and one
	 * repository of the registry each, already on the newest of its tags, so that the
	 * scans find nothing to change.
	 * @param launch how
	 * @param registry the registry
	 * @param scan the load
	 */
	BenchService startScanningWorker(Launch launch, BenchRegistry registry, BenchOptions.Scan scan) throws Exception {
		StringBuilder properties = new StringBuilder();
		for (int i = 0; i < scan.targets(); i++) {
			String name = "s%04d".formatted(i);
			String repository = registry.host() + "/bench/" + name;
			this.cluster.createDeployment(NAMESPACE, name, 1,
					SimulatedCluster.container(CONTAINER, repository + ":1.0." + (scan.tags() - 1)));
			this.cluster.rolledOutForever(NAMESPACE, name);
			this.cluster.rbac().grantByName(KUBE_USER, NAMESPACE, name);
			String target = "tagrelay.targets[%d].".formatted(i);
			properties.append(target).append("repository=").append(repository).append('\n');
			properties.append(target).append("namespace=").append(NAMESPACE).append('\n');
			properties.append(target).append("deployment=").append(name).append('\n');
			properties.append(target).append("scan-interval=").append(scan.interval().toSeconds()).append("s\n");
		}
		Path file = Files.writeString(this.dir.resolve("targets-scan.properties"), properties);
		List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers(),
				"--spring.config.additional-location=file:" + file, "--tagrelay.registries[0].host=" + registry.host(),
				"--tagrelay.registries[0].insecure=true"));
		args.addAll(this.options.workerArgs());
		return start("worker-scan-" + launch, "deploy-worker", launch, false, this.options.workerJvm(), args,
				Map.of("KUBECONFIG", this.kubeconfig.toString()));
	}

	private static String name(String service, Launch launch, boolean startupOnly) {
		return service + (startupOnly ? "-startup-" : "-") + launch;
	}

	private BenchService start(String name, String module, Launch launch, boolean startupOnly, List<String> flags,
			List<String> args, Map<String, String> environment) throws Exception {
		Launcher.Command command = this.launcher.command(module, launch);
		List<String> jvm = new ArrayList<>(flags);
		if (this.options.nmt() && !startupOnly) {
			jvm.add(NativeMemory.FLAG);
		}
		if (this.options.jfr()) {
			jvm.add("-XX:StartFlightRecording=filename=" + jfr(name) + ",settings=profile,dumponexit=true");
		}
		int port = freePort();
		// as the chart runs them: the ingest's actuator on a private port of its own, the
		// worker's on its only port (it serves nothing else), in the same web server
		int managementPort = "deploy-worker".equals(module) ? port : freePort();
		BenchService service = BenchService.start(name, command, jvm, port, managementPort, args, environment,
				this.dir);
		this.running.add(0, service);
		return service;
	}

	/**
	 * The launches' commands.
	 * @return the launcher
	 */
	Launcher launcher() {
		return this.launcher;
	}

	Path jfr(String name) {
		return this.dir.resolve(name + ".jfr");
	}

	private List<String> common(boolean startupOnly) {
		return List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers(),
				"--spring.config.additional-location=file:" + (startupOnly ? this.startupTargets : this.targets));
	}

	/**
	 * Warms the broker (its JIT, in this JVM) with the ingest's kind of produce requests,
	 * before the first launch, so that the first launch's figure 1 does not pay for it
	 * and the launches are compared on the same broker: 16 records of 300 bytes at a
	 * time, acks=all, waited for, on a topic of its own.
	 * @param duration how long
	 * @throws Exception if the broker fails
	 */
	void warmBroker(Duration duration) throws Exception {
		// the pushes the ingest sends, by the bench's own sender
		RegistryPush push = new RegistryPush(EventIds.next(), "quay.io/bench/warmup", List.of("1.0.1", "latest"),
				"bench", Instant.now());
		try (EventSender sender = new EventSender(bootstrapServers(), "bench.warmup")) {
			long end = System.nanoTime() + duration.toNanos();
			while (System.nanoTime() < end) {
				List<Future<RecordMetadata>> sent = new ArrayList<>();
				for (int i = 0; i < 16; i++) {
					sent.add(sender.send(push));
				}
				for (Future<RecordMetadata> ack : sent) {
					ack.get(30, TimeUnit.SECONDS);
				}
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			// seen once on a machine at load 7: the broker refused a retried batch
			// (OutOfOrderSequenceException) until the batch expired; a warm-up cut short
			// is no reason to measure nothing
			logger.warn("bench: the broker's warm-up stopped early: {}", ex.getMessage());
		}
	}

	/**
	 * Sets every Deployment of figures 1 to 3 back to its first image, so that the next
	 * launch's figures find them as the first launch found them.
	 */
	void resetDeployments() {
		for (String deployment : deployments()) {
			this.cluster.setImage(NAMESPACE, deployment, CONTAINER, "quay.io/bench/" + deployment + ":" + FIRST_TAG);
		}
		this.recorder.forgetImages();
	}

	/**
	 * Moves the worker's consumer group to the end of the events topic, so that the
	 * pushes of the ingest's load test (a repository no figure reads back) are not
	 * replayed into the worker's figures.
	 */
	void skipQueuedEvents() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			int partitions = admin.describeTopics(List.of(EVENTS))
				.allTopicNames()
				.get()
				.get(EVENTS)
				.partitions()
				.size();
			Map<TopicPartition, OffsetSpec> ends = IntStream.range(0, partitions)
				.boxed()
				.collect(Collectors.toMap((p) -> new TopicPartition(EVENTS, p), (p) -> OffsetSpec.latest()));
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listOffsets(ends)
				.all()
				.get()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (e) -> new OffsetAndMetadata(e.getValue().offset())));
			admin.alterConsumerGroupOffsets("tagrelay-worker", offsets).all().get();
		}
	}

	Path root() {
		return this.root;
	}

	String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	Path kubeconfig() {
		return this.kubeconfig;
	}

	PatchRecorder recorder() {
		return this.recorder;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		for (AutoCloseable part : this.running) {
			try {
				part.close();
			}
			catch (Exception ex) {
				logger.warn("bench: could not stop {}", part, ex);
			}
		}
	}

}
