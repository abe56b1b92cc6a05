package io.tagrelay.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Java program in a process of its own, started with this test's classpath, its output
 * in a file under {@code target/}. It is killed when the test closes it, and by a
 * shutdown hook if the test JVM ends first, so no child outlives the build.
 */
final class ChildJvm implements AutoCloseable {

	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	private static final Set<String> LOGS_STARTED = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "child-jvm-reaper"));
	}

	private final String name;

	private final Path log;

	private final Process process;

	private ChildJvm(String name, Path log, Process process) {
		this.name = name;
		this.log = log;
		this.process = process;
		RUNNING.add(process);
	}

	/**
	 * Starts a child JVM.
	 * @param name names its log file, {@code target/reliability/<name>.log} (new for the
	 * first child of that name in this test run, then appended to, so a restarted child
	 * keeps one log)
	 * @param mainClass the class to run
	 * @param jvmOptions options such as {@code -Dkey=value}
	 * @param environment variables to set
	 * @param args the program's arguments
	 * @return the running child
	 */
	static ChildJvm start(String name, String mainClass, List<String> jvmOptions, Map<String, String> environment,
			List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// quick to start and small: these children run for seconds, on a shared 2-core
		// machine
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-Xss512k"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", testClasspath(), mainClass));
		command.addAll(args);
		Path log = logFile(name);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		// nothing that configures the parent's services leaks into the child
		builder.environment()
			.keySet()
			.removeIf((key) -> key.startsWith("TAGRELAY_") || key.startsWith("SPRING_") || key.startsWith("UK_")
					|| key.equals("SERVER_PORT") || key.equals("KUBECONFIG"));
		builder.environment().putAll(environment);
		try {
			StandardOpenOption mode = LOGS_STARTED.add(name) ? StandardOpenOption.TRUNCATE_EXISTING
					: StandardOpenOption.APPEND;
			Files.writeString(log,
					"==== " + String.join(" ", command.subList(command.indexOf(mainClass), command.size())) + "\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
			return new ChildJvm(name, log, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a child JVM to its end.
	 * @return its exit code
	 */
	static int run(String name, String mainClass, List<String> jvmOptions, List<String> args, Duration timeout)
			throws InterruptedException {
		try (ChildJvm child = start(name, mainClass, jvmOptions, Map.of(), args)) {
			if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(name + " did not finish within " + timeout + "\n" + child.tail());
			}
			return child.process.exitValue();
		}
	}

	/**
	 * Kills it with SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits for it
	 * to be gone.
	 * @return its exit code: 137 (128 + 9) when SIGKILL ended it
	 */
	int kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new AssertionError(this.name + " survived SIGKILL");
		}
		RUNNING.remove(this.process);
		return this.process.exitValue();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/**
	 * The end of its output, for a failure message.
	 * @return the last lines of its log
	 */
	String tail() {
		return tail(this.log, 60);
	}

	static String tail(Path log, int lines) {
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
	public void close() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		RUNNING.remove(this.process);
	}

	static Path logFile(String name) {
		Path dir = Path.of("target", "reliability");
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return dir.resolve(name + ".log").toAbsolutePath();
	}

	/**
	 * The classpath this test runs with: under Maven, surefire's record of it (the JVM's
	 * own is a manifest-only jar).
	 */
	private static String testClasspath() {
		String classpath = System.getProperty("surefire.test.class.path");
		if (classpath == null || classpath.isBlank()) {
			classpath = System.getProperty("java.class.path");
		}
		return classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
	}

}
