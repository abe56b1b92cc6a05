package io.tagrelay.testing.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Java program in a process of its own (a main class on a class path, or a runnable
 * jar), its output in a log file. It is killed when closed (or stopped gracefully, if its
 * {@link ChildJvmBuilder} said so), and by a shutdown hook if this JVM ends first, so no
 * child outlives the build.
 */
public final class ChildJvm implements AutoCloseable {

	/**
	 * JVM options for a child that runs for seconds on a shared machine: quick to start
	 * and small.
	 */
	public static final List<String> QUICK_AND_SMALL = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-Xmx512m", "-Xss512k");

	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "child-jvm-reaper"));
	}

	private final Launch launch;

	private final Process process;

	ChildJvm(Launch launch, Process process) {
		this.launch = launch;
		this.process = process;
		RUNNING.add(process);
	}

	/**
	 * Describes a child JVM that runs a main class, by default on this JVM's class path.
	 * @param name names its log file
	 * @param mainClass the class to run
	 * @return the builder
	 */
	public static ChildJvmBuilder mainClass(String name, String mainClass) {
		return mainClass(name, mainClass, ChildJvmBuilder.testClasspath());
	}

	/**
	 * Describes a child JVM that runs a main class on a class path.
	 * @param name names its log file
	 * @param mainClass the class to run
	 * @param classpath the class path
	 * @return the builder
	 */
	public static ChildJvmBuilder mainClass(String name, String mainClass, String classpath) {
		return new ChildJvmBuilder(name, List.of("-cp", classpath, mainClass), mainClass);
	}

	/**
	 * Describes a child JVM that runs a runnable jar.
	 * @param name names its log file
	 * @param jar the jar
	 * @return the builder
	 */
	public static ChildJvmBuilder jar(String name, Path jar) {
		return new ChildJvmBuilder(name, List.of("-jar", jar.toString()), "-jar " + jar);
	}

	/**
	 * Where a child's log goes unless it is told otherwise:
	 * {@code target/child-jvm/<name>.log}.
	 * @param name the child's name
	 * @return the file
	 */
	public static Path logFile(String name) {
		return Path.of("target", "child-jvm", name + ".log").toAbsolutePath();
	}

	/**
	 * Waits until its readiness probe answers 200.
	 * @param probe e.g. {@code http://127.0.0.1:8081/actuator/health/readiness}
	 * @param timeout how long at most
	 * @return the time from the start of the process (as the OS reports it) to ready
	 * @throws IllegalStateException if it exits or is not ready in time
	 * @throws InterruptedException if interrupted
	 */
	public Duration awaitReady(URI probe, Duration timeout) throws InterruptedException {
		// HTTP/1.1, as the kubelet probes: no h2c upgrade on every probe
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofMillis(500))
			.build();
		HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
		awaitCondition(timeout, () -> {
			try {
				return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return Duration.between(started(), Instant.now());
	}

	/**
	 * Waits until its log holds a number of lines that contain a text (a log appended to
	 * by restarts of a child of the same name holds one such line per start).
	 * @param text the text
	 * @param lines how many lines at least
	 * @param timeout how long at most
	 * @throws IllegalStateException if it exits or does not log them in time
	 * @throws InterruptedException if interrupted
	 */
	public void awaitLog(String text, long lines, Duration timeout) throws InterruptedException {
		awaitCondition(timeout, () -> lines((line) -> line.contains(text)) >= lines);
	}

	/**
	 * How many lines of its log match.
	 * @param match the lines wanted
	 * @return the count
	 */
	public long lines(Predicate<String> match) {
		try (Stream<String> lines = Files.lines(this.launch.log(), StandardCharsets.UTF_8)) {
			return lines.filter(match).count();
		}
		catch (IOException | UncheckedIOException ex) {
			return 0;
		}
	}

	private void awaitCondition(Duration timeout, Condition condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.holds()) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.launch.name() + " exited with " + this.process.exitValue() + "\n" + tail());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(this.launch.name() + " not ready after " + timeout + "\n" + tail());
			}
			Thread.sleep(10);
		}
	}

	/**
	 * Waits for it to end.
	 * @param timeout how long at most
	 * @return its exit code
	 * @throws IllegalStateException if it is still running then
	 * @throws InterruptedException if interrupted
	 */
	public int waitFor(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(this.launch.name() + " did not finish within " + timeout + "\n" + tail());
		}
		RUNNING.remove(this.process);
		return this.process.exitValue();
	}

	/**
	 * Kills it with SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits for it
	 * to be gone.
	 * @return its exit code: 137 (128 + 9) when SIGKILL ended it
	 * @throws InterruptedException if interrupted
	 */
	public int kill() throws InterruptedException {
		this.process.destroyForcibly();
		return waitFor(Duration.ofSeconds(30));
	}

	/**
	 * Asks it to stop (SIGTERM), and kills it if it has not stopped in time.
	 * @param grace how long it may take
	 * @return its exit code
	 * @throws InterruptedException if interrupted
	 */
	public int stop(Duration grace) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
			return kill();
		}
		return waitFor(Duration.ZERO);
	}

	/**
	 * Whether it runs.
	 * @return true until it ended
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Its process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * When it started: the moment it was spawned, taken just before the fork. (Not the
	 * OS's start time of the process: Linux derives it from the boot time in whole
	 * seconds, so it can be up to a second early.)
	 * @return the start
	 */
	public Instant started() {
		return this.launch.spawned();
	}

	/**
	 * A {@code /proc/<pid>/status} memory value of the process.
	 * @param field {@code VmRSS} (now) or {@code VmHWM} (peak)
	 * @return the value in KiB, 0 if unknown
	 */
	public long memoryKib(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
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
	 * Its log file.
	 * @return the file
	 */
	public Path log() {
		return this.launch.log();
	}

	/**
	 * The end of its output, for a failure message.
	 * @return the last lines of its log
	 */
	public String tail() {
		return tail(this.launch.log(), 60);
	}

	/**
	 * The end of a log, for a failure message.
	 * @param log the log
	 * @param lines how many lines
	 * @return a heading and the lines
	 */
	public static String tail(Path log, int lines) {
		try {
			List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
			return "---- last lines of " + log + "\n"
					+ String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log " + log + ": " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.launch.gracefulStop().isZero()) {
			kill();
		}
		else {
			stop(this.launch.gracefulStop());
		}
	}

	@Override
	public String toString() {
		return "child JVM " + this.launch.name() + " (pid " + pid() + ", log " + this.launch.log() + ")";
	}

	/**
	 * How a child was launched.
	 *
	 * @param name its name
	 * @param log its log file
	 * @param spawned when it was spawned
	 * @param gracefulStop how long {@link #close()} lets it stop, zero to kill it
	 */
	record Launch(String name, Path log, Instant spawned, Duration gracefulStop) {
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds() throws InterruptedException;

	}

}
