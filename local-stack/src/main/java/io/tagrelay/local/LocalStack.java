package io.tagrelay.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.webhook.WebhookReceiver;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * tagrelay on one machine with nothing but Java: a Kafka broker, a sandbox Kubernetes API
 * (or the cluster of {@code KUBECONFIG}), the ingest, the worker and a webhook receiver,
 * all in this JVM. Started by the README's Quick start; stops cleanly on Ctrl-C.
 */
public final class LocalStack implements AutoCloseable {

	/** The ingest token of the local stack. */
	public static final String TOKEN = "local";

	/** The repository the local target follows. */
	public static final String REPOSITORY = "quay.io/tagrelay/web";

	/** The Standard Webhooks secret the worker signs with and the receiver verifies. */
	public static final String WEBHOOK_SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString("tagrelay-local-webhook-secret".getBytes());

	/** The namespace of the sandbox's Deployment. */
	public static final String NAMESPACE = "demo";

	/** The sandbox's Deployment, and its one container. */
	public static final String DEPLOYMENT = "web";

	/** The image the sandbox's Deployment starts with. */
	public static final String INITIAL_IMAGE = "quay.io/tagrelay/web:1.0.0";

	private final Deque<AutoCloseable> running = new ArrayDeque<>();

	private final LocalStackOptions options;

	private EmbeddedKafkaKraftBroker broker;

	private SimulatedCluster sandbox;

	private WebhookReceiver receiver;

	private Path kubeconfig;

	private ConfigurableApplicationContext ingest;

	private ConfigurableApplicationContext worker;

	LocalStack(LocalStackOptions options) {
		this.options = options;
	}

	/**
	 * Starts the local stack and waits for Ctrl-C.
	 * @param args {@code --name=value} options, see {@link LocalStackOptions}
	 * @throws Exception if a part cannot start
	 */
	public static void main(String[] args) throws Exception {
		LocalStack stack = new LocalStack(LocalStackOptions.parse(args));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\ntagrelay local stack: stopping");
			// Kafka's own shutdown hook deletes the broker's temporary directory while
			// the
			// broker stops, and the broker then logs errors about files it can no longer
			// write: nothing is lost in a throwaway stack, so they are not shown
			LoggingSystem loggingSystem = LoggingSystem.get(LocalStack.class.getClassLoader());
			loggingSystem.setLogLevel("kafka", LogLevel.OFF);
			loggingSystem.setLogLevel("org.apache.kafka", LogLevel.OFF);
			stack.close();
			System.out.println("tagrelay local stack: stopped");
			stopped.countDown();
		}, "local-stack-shutdown"));
		stack.start();
		stack.printSummary(System.out);
		stopped.await();
	}

	LocalStack start() throws Exception {
		this.broker = new EmbeddedKafkaKraftBroker(1, 6);
		// the KRaft test kit binds its listeners to free ports of its own choosing; the
		// summary prints the one it took
		this.broker.afterPropertiesSet();
		this.running.push(this.broker::destroy);
		this.receiver = new WebhookReceiver(this.options.receiverPort(), WEBHOOK_SECRET);
		this.running.push(this.receiver);
		if (this.options.useKubeconfig()) {
			this.kubeconfig = null;
		}
		else {
			this.sandbox = startSandbox(this.options.apiPort(), Duration.ofMillis(800));
			this.running.push(this.sandbox);
			this.kubeconfig = writeKubeconfig(this.sandbox, this.options.stateDir().resolve("kubeconfig"));
			// the worker finds the sandbox exactly as it finds a real cluster: through a
			// kubeconfig
			System.setProperty("kubeconfig", this.kubeconfig.toString());
		}
		Services services = new Services(this.broker.getBrokersAsString(), this.receiver.port(), this.options);
		this.worker = services.startWorker();
		this.running.push(this.worker);
		this.ingest = services.startIngest();
		this.running.push(this.ingest);
		return this;
	}

	/**
	 * Starts a sandbox Kubernetes API: a simulated cluster seeded with Deployment
	 * {@code demo/web}, whose controller completes a rollout after the given time.
	 * @param port the port, 0 for any free one
	 * @param rolloutTime how long a rollout takes
	 * @return the sandbox
	 */
	public static SimulatedCluster startSandbox(int port, Duration rolloutTime) {
		SimulatedCluster sandbox = SimulatedCluster.start(port, rolloutTime);
		sandbox.createDeployment(NAMESPACE, DEPLOYMENT, INITIAL_IMAGE);
		return sandbox;
	}

	/**
	 * Writes a kubeconfig that points at a sandbox, for kubectl and for the worker.
	 * @param sandbox the sandbox
	 * @param file where to write it
	 * @return the file
	 */
	public static Path writeKubeconfig(SimulatedCluster sandbox, Path file) {
		return sandbox.writeKubeconfig(file, "tagrelay-sandbox", NAMESPACE,
				"tagrelay local stack: a SANDBOX API (fabric8 mock server), not a real cluster");
	}

	void printSummary(PrintStream out) {
		String receiverUrl = "http://127.0.0.1:" + this.receiver.port();
		out.println();
		out.println("=== tagrelay local stack is up ===============================================");
		out.println(" Kafka broker      " + this.broker.getBrokersAsString() + "   (embedded KRaft)");
		if (this.sandbox != null) {
			out.println(" Kubernetes API    " + this.sandbox.url() + "   SANDBOX: fabric8 mock API server");
			out.println("                   with a simulated rollout controller; no pods really run");
			out.println(" kubeconfig        " + this.kubeconfig);
			out.println("                   Deployment demo/web, container web, runs " + INITIAL_IMAGE);
		}
		else {
			out.println(" Kubernetes API    the cluster of KUBECONFIG (a REAL cluster)");
		}
		out.println(" ingest            http://127.0.0.1:" + ingestPort() + "   token '" + TOKEN + "'");
		out.println("                   http://127.0.0.1:" + ingestManagementPort() + "/actuator/health");
		out.println(" worker            http://127.0.0.1:" + workerPort() + "/actuator/health");
		out.println(" webhook receiver  " + receiverUrl + "/received");
		out.println();
		out.println(" Try:  curl -i -u relay:" + TOKEN + " -H 'Content-Type: application/json' \\");
		out.println("         -d '{\"docker_url\":\"" + REPOSITORY + "\",\"updated_tags\":[\"1.1.0\"]}' \\");
		out.println("         http://127.0.0.1:" + ingestPort() + "/webhook");
		out.println(" Ctrl-C stops everything.");
		out.println("===============================================================================");
	}

	int ingestPort() {
		return this.ingest.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	int ingestManagementPort() {
		return this.ingest.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	int workerPort() {
		return this.worker.getEnvironment()
			.getProperty("local.management.port", Integer.class,
					this.worker.getEnvironment().getProperty("local.server.port", Integer.class, -1));
	}

	WebhookReceiver receiver() {
		return this.receiver;
	}

	SimulatedCluster sandbox() {
		return this.sandbox;
	}

	String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Override
	public void close() {
		while (!this.running.isEmpty()) {
			try {
				this.running.pop().close();
			}
			catch (Exception ex) {
				System.err.println("tagrelay local stack: " + ex.getMessage());
			}
		}
		System.clearProperty("kubeconfig");
	}

}
