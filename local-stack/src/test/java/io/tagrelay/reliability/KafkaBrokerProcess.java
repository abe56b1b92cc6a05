package io.tagrelay.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tagrelay.testing.jvm.ChildJvm;
import org.apache.kafka.common.Uuid;

/**
 * A standalone single-node KRaft Kafka (broker and controller in one process,
 * {@code kafka.Kafka}) in a JVM of its own, so a test can SIGKILL it and start it again
 * on the same log directory and the same ports, which are chosen free once, when it is
 * created.
 */
final class KafkaBrokerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Path dir;

	private final int port;

	private final int controllerPort;

	private ChildJvm process;

	private int starts;

	KafkaBrokerProcess(Path dir) throws IOException {
		this.dir = dir;
		this.port = freePort();
		this.controllerPort = freePort();
		Files.writeString(dir.resolve("server.properties"), serverProperties());
		Files.writeString(dir.resolve("logback.xml"), """
				<configuration>
				  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
				  </appender>
				  <root level="INFO"><appender-ref ref="OUT"/></root>
				  <logger name="org.apache.kafka.clients" level="WARN"/>
				</configuration>
				""");
	}

	/**
	 * Formats the log directory (once) and starts the broker, waiting until it answers.
	 * @return this
	 */
	KafkaBrokerProcess start() throws Exception {
		if (this.starts++ == 0) {
			int exit = ChildJvm.mainClass("kafka-format", "kafka.tools.StorageTool")
				.jvmOptions(jvmOptions())
				.args(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config()))
				.run(START_TIMEOUT);
			if (exit != 0) {
				throw new AssertionError("formatting the broker's storage failed (" + exit + ")\n"
						+ ChildJvm.tail(ChildJvm.logFile("kafka-format"), 40));
			}
		}
		this.process = ChildJvm.mainClass("kafka-broker", "kafka.Kafka")
			.jvmOptions(jvmOptions())
			.args(List.of(config()))
			.start();
		// the log is appended to, so the n-th start waits for the n-th such line
		this.process.awaitLog("Kafka Server started", this.starts, START_TIMEOUT);
		return this;
	}

	/**
	 * SIGKILLs the broker.
	 * @return its exit code (137 for SIGKILL)
	 */
	int kill() throws InterruptedException {
		return this.process.kill();
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	private List<String> jvmOptions() {
		List<String> options = new ArrayList<>(ChildJvm.QUICK_AND_SMALL);
		options.add("-Dlogback.configurationFile=" + this.dir.resolve("logback.xml"));
		return options;
	}

	private String config() {
		return this.dir.resolve("server.properties").toString();
	}

	private String serverProperties() {
		return """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@127.0.0.1:%2$d
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				inter.broker.listener.name=PLAINTEXT
				log.dirs=%3$s
				num.partitions=1
				offsets.topic.replication.factor=1
				offsets.topic.num.partitions=6
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				""".formatted(this.port, this.controllerPort, this.dir.resolve("logs"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null) {
			this.process.close();
		}
	}

}
