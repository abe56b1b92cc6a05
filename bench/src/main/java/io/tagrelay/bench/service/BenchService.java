package io.tagrelay.bench.service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tagrelay.testing.jvm.ChildJvm;

/**
 * One service running as its own JVM from its runnable jar, its output in a log file;
 * knows when it became ready, what Spring Boot says of its start-up, and how much memory
 * it holds. Stopped gracefully, so that a flight recording is written.
 */
public final class BenchService implements AutoCloseable {

	private static final Pattern STARTED = Pattern
		.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private final ChildJvm jvm;

	private final Path java;

	private final int port;

	private final int managementPort;

	private BenchService(ChildJvm jvm, Path java, int port, int managementPort) {
		this.jvm = jvm;
		this.java = java;
		this.port = port;
		this.managementPort = managementPort;
	}

	/**
	 * Starts a service.
	 * @param name a short name (also the log file's)
	 * @param command the runtime, JVM options and jar ({@link Launcher})
	 * @param jvmFlags more flags for the JVM, after the command's
	 * @param port the HTTP port it is told to use
	 * @param managementPort the actuator's port it is told to use
	 * @param args Spring Boot arguments
	 * @param environment extra environment variables
	 * @param dir its working directory, where the log goes
	 * @return the running service
	 */
	public static BenchService start(String name, Launcher.Command command, List<String> jvmFlags, int port,
			int managementPort, List<String> args, Map<String, String> environment, Path dir) {
		List<String> all = new ArrayList<>(
				List.of("--server.port=" + port, "--management.server.port=" + managementPort));
		all.addAll(args);
		return new BenchService(ChildJvm.jar(name, command.jar())
			.java(command.java())
			.jvmOptions(command.jvmOptions())
			.jvmOptions(jvmFlags)
			.args(all)
			.environment(environment)
			.log(dir.resolve(name + ".log"))
			.directory(dir)
			.stopGracefully(Duration.ofSeconds(20))
			.start(), command.java(), port, managementPort);
	}

	/**
	 * Waits until the readiness probe answers UP.
	 * @param timeout how long at most
	 * @return time from the JVM's start (as the OS reports it) to ready
	 * @throws InterruptedException if interrupted
	 */
	public Duration awaitReady(Duration timeout) throws InterruptedException {
		return this.jvm.awaitReady(URI.create(managementUrl("/actuator/health/readiness")), timeout);
	}

	/**
	 * Spring Boot's own account of its start-up, from the "Started ..." log line.
	 * @return seconds the JVM had been running when the application had started
	 */
	public Optional<Double> startedLogSeconds() {
		try {
			Matcher started = STARTED.matcher(Files.readString(this.jvm.log()));
			return started.find() ? Optional.of(Double.parseDouble(started.group(2))) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A {@code /proc/<pid>/status} memory value.
	 * @param field {@code VmRSS} (now) or {@code VmHWM} (peak)
	 * @return the value in KiB, 0 if unknown
	 */
	public long memoryKib(String field) {
		return this.jvm.memoryKib(field);
	}

	/**
	 * Native Memory Tracking's summary, if the service was launched with
	 * {@link NativeMemory#FLAG}.
	 * @return the summary
	 * @throws IOException if there is none
	 * @throws InterruptedException if interrupted
	 */
	public NativeMemory nativeMemory() throws IOException, InterruptedException {
		return NativeMemory.of(this.java, pid());
	}

	/**
	 * A URL of this service.
	 * @param path the path
	 * @return the URL on the loopback interface
	 */
	public String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/**
	 * The HTTP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * A URL of this service's management port (actuator).
	 * @param path the path
	 * @return the URL on the loopback interface
	 */
	public String managementUrl(String path) {
		return "http://127.0.0.1:" + this.managementPort + path;
	}

	/**
	 * The actuator's port.
	 * @return the port
	 */
	public int managementPort() {
		return this.managementPort;
	}

	/**
	 * The process id.
	 * @return the pid
	 */
	public long pid() {
		return this.jvm.pid();
	}

	@Override
	public void close() throws InterruptedException {
		this.jvm.close();
	}

	@Override
	public String toString() {
		return this.jvm.toString();
	}

}
