package io.tagrelay.testing.jvm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link ChildJvm} runs, with what, and where its output goes.
 */
public final class ChildJvmBuilder {

	/**
	 * Logs written by this JVM: the first start of a log truncates it, later ones append.
	 */
	private static final Set<Path> LOGS_STARTED = ConcurrentHashMap.newKeySet();

	private final String name;

	private final List<String> program;

	private final String label;

	private final List<String> jvmOptions = new ArrayList<>();

	private final List<String> args = new ArrayList<>();

	private final Map<String, String> environment = new HashMap<>();

	private Path log;

	private Path directory;

	private Duration gracefulStop = Duration.ZERO;

	private Path java = Path.of(System.getProperty("java.home"), "bin", "java");

	ChildJvmBuilder(String name, List<String> program, String label) {
		this.name = name;
		this.program = program;
		this.label = label;
		this.log = ChildJvm.logFile(name);
	}

	/**
	 * Runs it on another Java runtime than this JVM's own.
	 * @param executable the {@code java} launcher, e.g.
	 * {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
	 * @return this
	 */
	public ChildJvmBuilder java(Path executable) {
		this.java = executable;
		return this;
	}

	/**
	 * Adds JVM options, such as {@link ChildJvm#QUICK_AND_SMALL} or {@code -Dkey=value}.
	 * @param options the options
	 * @return this
	 */
	public ChildJvmBuilder jvmOptions(List<String> options) {
		this.jvmOptions.addAll(options);
		return this;
	}

	/**
	 * Adds a system property.
	 * @param key the key
	 * @param value the value
	 * @return this
	 */
	public ChildJvmBuilder systemProperty(String key, String value) {
		this.jvmOptions.add("-D" + key + "=" + value);
		return this;
	}

	/**
	 * Adds the program's arguments.
	 * @param args the arguments
	 * @return this
	 */
	public ChildJvmBuilder args(List<String> args) {
		this.args.addAll(args);
		return this;
	}

	/**
	 * Sets environment variables. Nothing that configures tagrelay in this JVM's
	 * environment ({@code TAGRELAY_*}, {@code SPRING_*}, {@code UK_*},
	 * {@code SERVER_PORT}, {@code KUBECONFIG}) reaches the child unless set here.
	 * @param environment the variables
	 * @return this
	 */
	public ChildJvmBuilder environment(Map<String, String> environment) {
		this.environment.putAll(environment);
		return this;
	}

	/**
	 * Where its output goes, instead of {@link ChildJvm#logFile}.
	 * @param log the file: new for the first child with it in this JVM, then appended to,
	 * so a restarted child keeps one log
	 * @return this
	 */
	public ChildJvmBuilder log(Path log) {
		this.log = log.toAbsolutePath();
		return this;
	}

	/**
	 * Its working directory, instead of this JVM's.
	 * @param directory the directory
	 * @return this
	 */
	public ChildJvmBuilder directory(Path directory) {
		this.directory = directory;
		return this;
	}

	/**
	 * Makes {@link ChildJvm#close()} ask it to stop (SIGTERM) and wait, killing it only
	 * after the grace time, instead of killing it at once: for a child that writes
	 * something on exit, such as a flight recording.
	 * @param grace how long it may take to stop
	 * @return this
	 */
	public ChildJvmBuilder stopGracefully(Duration grace) {
		this.gracefulStop = grace;
		return this;
	}

	/**
	 * Starts it.
	 * @return the running child
	 */
	public ChildJvm start() {
		List<String> command = new ArrayList<>();
		command.add(this.java.toString());
		command.addAll(this.jvmOptions);
		command.addAll(this.program);
		command.addAll(this.args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		if (this.directory != null) {
			builder.directory(this.directory.toFile());
		}
		builder.environment()
			.keySet()
			.removeIf((key) -> key.startsWith("TAGRELAY_") || key.startsWith("SPRING_") || key.startsWith("UK_")
					|| key.equals("SERVER_PORT") || key.equals("KUBECONFIG"));
		builder.environment().putAll(this.environment);
		try {
			startLog(this.label + " " + String.join(" ", this.args));
			Instant spawned = Instant.now();
			Process process = builder.start();
			return new ChildJvm(new ChildJvm.Launch(this.name, this.log, spawned, this.gracefulStop), process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs it to its end.
	 * @param timeout how long it may take
	 * @return its exit code
	 * @throws IllegalStateException if it takes longer
	 * @throws InterruptedException if interrupted
	 */
	public int run(Duration timeout) throws InterruptedException {
		ChildJvm child = start();
		try {
			return child.waitFor(timeout);
		}
		finally {
			if (child.isAlive()) {
				child.kill();
			}
		}
	}

	private void startLog(String command) throws IOException {
		Files.createDirectories(this.log.getParent());
		StandardOpenOption mode = LOGS_STARTED.add(this.log) ? StandardOpenOption.TRUNCATE_EXISTING
				: StandardOpenOption.APPEND;
		Files.writeString(this.log, "==== " + command + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.WRITE, mode);
	}

	/**
	 * The class path of this JVM: under Maven, surefire's record of it (the JVM's own is
	 * a manifest-only jar).
	 */
	static String testClasspath() {
		String classpath = System.getProperty("surefire.test.class.path");
		if (classpath == null || classpath.isBlank()) {
			classpath = System.getProperty("java.class.path");
		}
		return classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
	}

}
