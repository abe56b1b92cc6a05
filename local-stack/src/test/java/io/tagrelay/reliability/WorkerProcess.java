package io.tagrelay.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tagrelay.local.LocalStackOptions;
import io.tagrelay.local.Services;
import io.tagrelay.testing.jvm.ChildJvm;

/**
 * A deploy worker in a JVM of its own ({@code io.tagrelay.worker.WorkerApplication}),
 * configured as the local stack configures it, finding the sandbox through
 * {@code KUBECONFIG}; it is ready when its readiness probe answers UP.
 */
final class WorkerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * A killed worker's partitions go to another once its consumer session expires: the
	 * broker's smallest allowed session (6 s, the client's default is 45 s). The listener
	 * containers log their assignments, so a test can see who owns what.
	 */
	static final List<String> QUICK_HANDOVER = List.of("--spring.kafka.consumer.properties.session.timeout.ms=6000",
			"--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
			"--logging.level.org.springframework.kafka.listener=INFO");

	private final int port;

	private final ChildJvm process;

	private WorkerProcess(int port, ChildJvm process) {
		this.port = port;
		this.process = process;
	}

	/**
	 * Starts a worker; {@link #awaitReady()} waits until it is ready.
	 * @param name names its log file
	 * @param bootstrapServers Kafka
	 * @param kubeconfig the sandbox's kubeconfig
	 * @param receiverPort the webhook receiver's port
	 * @param properties further {@code --key=value} properties (targets, timings)
	 * @return the starting worker
	 */
	static WorkerProcess start(String name, String bootstrapServers, Path kubeconfig, int receiverPort,
			List<String> properties) throws Exception {
		int port = freePort();
		List<String> options = new ArrayList<>(
				List.of("--ingest-port=0", "--worker-port=" + port, "--receiver-port=" + receiverPort));
		options.addAll(properties);
		Services services = new Services(bootstrapServers, receiverPort,
				LocalStackOptions.parse(options.toArray(String[]::new)));
		ChildJvm process = ChildJvm.mainClass(name, "io.tagrelay.worker.WorkerApplication")
			.jvmOptions(ChildJvm.QUICK_AND_SMALL)
			.environment(Map.of("KUBECONFIG", kubeconfig.toString()))
			.args(services.workerArguments())
			.start();
		return new WorkerProcess(port, process);
	}

	/**
	 * SIGKILLs the worker.
	 * @return its exit code (137 for SIGKILL)
	 */
	int kill() throws InterruptedException {
		return this.process.kill();
	}

	/**
	 * How many times its log says it patched a Deployment.
	 * @return the number of patches it made
	 */
	long patches() {
		return this.process.lines((line) -> line.contains("Patched "));
	}

	/**
	 * Whether its log says it was given partitions of the topic.
	 * @param topic the topic
	 * @return true once it was
	 */
	boolean owns(String topic) {
		return this.process.lines((line) -> line.contains("partitions assigned") && line.contains(topic + "-")) > 0;
	}

	/**
	 * Waits until its readiness probe answers UP (Kafka and the API server reachable).
	 * @return this
	 */
	WorkerProcess awaitReady() throws InterruptedException {
		this.process.awaitReady(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"),
				START_TIMEOUT);
		return this;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.close();
	}

}
