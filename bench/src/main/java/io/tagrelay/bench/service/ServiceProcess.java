package io.tagrelay.bench.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service running as its own JVM from its runnable jar, its output in a log file;
 * knows when it started, when it became ready, and how much memory it holds.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern
		.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private final String name;

	private final Process process;

	private final Path log;

	private final int port;

	private final Instant spawned;

	private ServiceProcess(String name, Process process, Path log, int port, Instant spawned) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.port = port;
		this.spawned = spawned;
	}

	/**
	 * Starts a service.
	 * @param name a short name (also the log file's)
	 * @param jar the runnable jar
	 * @param jvmFlags flags for the JVM
	 * @param port the HTTP port it is told to use (actuator included)
	 * @param args Spring Boot arguments
	 * @param environment extra environment variables
	 * @param dir where the log goes
	 * @return the running service
	 * @throws IOException if it cannot be started
	 */
	public static ServiceProcess start(String name, Path jar, List<String> jvmFlags, int port, List<String> args,
			Map<String, String> environment, Path dir) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmFlags);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.addAll(args);
		Path log = dir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(dir.toFile());
		builder.environment().putAll(environment);
		Instant spawned = Instant.now();
		return new ServiceProcess(name, builder.start(), log, port, spawned);
	}

	/**
	 * Waits until the readiness probe answers UP.
	 * @param timeout how long at most
	 * @return time from the JVM's start (as the OS reports it) to ready
	 * @throws InterruptedException if interrupted
	 */
	public Duration awaitReady(Duration timeout) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
		HttpRequest probe = HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
			.timeout(Duration.ofSeconds(1))
			.build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return Duration.between(started(), Instant.now());
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException(this.name + " not ready after " + timeout + "; see " + this.log);
	}

	/**
	 * When the JVM started: the OS's start time of the process, else the moment it was
	 * spawned.
	 * @return the start
	 */
	public Instant started() {
		return this.process.info().startInstant().orElse(this.spawned);
	}

	/**
	 * Spring Boot's own account of its start-up, from the "Started ..." log line.
	 * @return seconds the JVM had been running when the application had started
	 */
	public Optional<Double> startedLogSeconds() {
		try {
			Matcher started = STARTED.matcher(Files.readString(this.log));
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
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// gone
		}
		return 0;
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
	 * The process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * The service's log file.
	 * @return the file
	 */
	public Path log() {
		return this.log;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
