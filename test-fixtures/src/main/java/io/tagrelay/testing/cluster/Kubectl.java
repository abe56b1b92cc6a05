package io.tagrelay.testing.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code kubectl}, run against a {@link SimulatedCluster} as a referee: what it
 * says of a Deployment's rollout is what an operator would read. Found on the
 * {@code PATH}, or where the {@code KUBECTL} environment variable says (a path, or
 * several separated by {@link File#pathSeparator}, for {@link #findAll()}). Run without a
 * shell, with a kubeconfig and a discovery cache of its own (so no cache of an earlier
 * cluster on the same port is read, and nothing is written under {@code ~/.kube}), and
 * with a timeout.
 */
public final class Kubectl {

	/** The environment variable that names the kubectl to use. */
	public static final String ENV = "KUBECTL";

	/** How long a command may run unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private final Path executable;

	private Kubectl(Path executable) {
		this.executable = executable;
	}

	/**
	 * The kubectl of the {@code KUBECTL} environment variable (its first entry), or else
	 * the first on the {@code PATH}.
	 * @return the kubectl, or empty if there is none
	 */
	public static Optional<Kubectl> find() {
		return findAll().stream().findFirst();
	}

	/**
	 * Every kubectl named by the {@code KUBECTL} environment variable, in its order, or
	 * if it is unset or empty, the first on the {@code PATH}; the same file named twice
	 * counts once.
	 * @return the kubectls, perhaps none
	 */
	public static List<Kubectl> findAll() {
		return findAll(System.getenv(ENV), System.getenv("PATH"));
	}

	static List<Kubectl> findAll(String kubectlVariable, String pathVariable) {
		List<Path> candidates = new ArrayList<>();
		if (kubectlVariable != null && !kubectlVariable.isBlank()) {
			for (String entry : kubectlVariable.split(File.pathSeparator)) {
				if (!entry.isBlank()) {
					candidates.add(Path.of(entry.trim()));
				}
			}
		}
		else if (pathVariable != null) {
			Stream.of(pathVariable.split(File.pathSeparator))
				.filter((directory) -> !directory.isBlank())
				.map((directory) -> Path.of(directory, "kubectl"))
				.filter(Kubectl::isExecutable)
				.findFirst()
				.ifPresent(candidates::add);
		}
		Map<Path, Kubectl> found = new LinkedHashMap<>();
		for (Path candidate : candidates) {
			if (isExecutable(candidate)) {
				found.putIfAbsent(realPath(candidate), new Kubectl(candidate.toAbsolutePath()));
			}
		}
		return List.copyOf(found.values());
	}

	/**
	 * A kubectl at a known place.
	 * @param executable the kubectl binary
	 * @return it
	 * @throws IllegalArgumentException if it is not an executable file
	 */
	public static Kubectl at(Path executable) {
		if (!isExecutable(executable)) {
			throw new IllegalArgumentException("not an executable file: " + executable);
		}
		return new Kubectl(executable.toAbsolutePath());
	}

	/**
	 * Where it is.
	 * @return the binary as found (not resolved through links)
	 */
	public Path executable() {
		return this.executable;
	}

	/**
	 * Its client version, as {@code kubectl version --client} prints it.
	 * @return e.g. {@code v1.32.4-dispatcher}, {@code v1.20.2}, or what it printed if
	 * that holds no version
	 */
	public String clientVersion() {
		Result result = run(null, DEFAULT_TIMEOUT, List.of("version", "--client"));
		String out = result.stdout();
		int at = out.indexOf("GitVersion:\"");
		if (at >= 0) {
			int start = at + "GitVersion:\"".length();
			return out.substring(start, out.indexOf('"', start));
		}
		at = out.indexOf("Client Version: ");
		if (at >= 0) {
			return out.substring(at + "Client Version: ".length()).lines().findFirst().orElse("").trim();
		}
		return out.strip();
	}

	/**
	 * A session of commands against a cluster, with a kubeconfig of its own (context
	 * namespace {@code default}) in a temporary directory deleted on close.
	 * @param cluster the cluster
	 * @return the session
	 */
	public Session against(SimulatedCluster cluster) {
		try {
			Path directory = Files.createTempDirectory("kubectl-");
			Path kubeconfig = cluster.writeKubeconfig(directory.resolve("kubeconfig"), "simulated", "default",
					"a simulated cluster, for kubectl as a referee");
			return new Session(directory, kubeconfig);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return "kubectl " + this.executable;
	}

	private Result run(Session session, Duration timeout, List<String> arguments) {
		Path directory = null;
		try {
			directory = (session != null) ? session.directory : Files.createTempDirectory("kubectl-");
			List<String> command = new ArrayList<>();
			command.add(this.executable.toString());
			if (session != null) {
				command.add("--kubeconfig=" + session.kubeconfig);
				command.add("--cache-dir=" + directory.resolve("cache"));
			}
			command.addAll(arguments);
			Path stdout = Files.createTempFile(directory, "stdout-", ".txt");
			Path stderr = Files.createTempFile(directory, "stderr-", ".txt");
			ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
				.redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile());
			if (session != null) {
				builder.environment().put("KUBECONFIG", session.kubeconfig.toString());
			}
			builder.environment().put("HOME", directory.toString());
			Process process = builder.start();
			try {
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
					throw new IllegalStateException(String.join(" ", command) + " did not exit within " + timeout
							+ "; it printed: " + read(stdout) + read(stderr));
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted waiting for " + String.join(" ", command), ex);
			}
			Result result = new Result(process.exitValue(), read(stdout), read(stderr));
			Files.delete(stdout);
			Files.delete(stderr);
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (session == null && directory != null) {
				deleteTree(directory);
			}
		}
	}

	private static File nullFile() {
		return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	private static boolean isExecutable(Path file) {
		return Files.isRegularFile(file) && Files.isExecutable(file);
	}

	private static Path realPath(Path file) {
		try {
			return file.toRealPath();
		}
		catch (IOException ex) {
			return file.toAbsolutePath();
		}
	}

	private static void deleteTree(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Commands of one kubectl against one cluster.
	 */
	public final class Session implements AutoCloseable {

		private final Path directory;

		private final Path kubeconfig;

		private Session(Path directory, Path kubeconfig) {
			this.directory = directory;
			this.kubeconfig = kubeconfig;
		}

		/**
		 * The kubeconfig the commands use.
		 * @return its file
		 */
		public Path kubeconfig() {
			return this.kubeconfig;
		}

		/**
		 * Runs kubectl with {@link #DEFAULT_TIMEOUT}.
		 * @param arguments its arguments, without {@code --kubeconfig}
		 * @return what it did
		 * @throws IllegalStateException if it did not exit in time
		 */
		public Result run(String... arguments) {
			return run(DEFAULT_TIMEOUT, arguments);
		}

		/**
		 * Runs kubectl.
		 * @param timeout how long it may run before it is killed
		 * @param arguments its arguments, without {@code --kubeconfig}
		 * @return what it did
		 * @throws IllegalStateException if it did not exit in time
		 */
		public Result run(Duration timeout, String... arguments) {
			return Kubectl.this.run(this, timeout, List.of(arguments));
		}

		/**
		 * What {@code kubectl rollout status deployment/<name> --watch=false} says now.
		 * @param namespace the namespace
		 * @param name the Deployment
		 * @return its verdict and message
		 */
		public RolloutStatus rolloutStatus(String namespace, String name) {
			return RolloutStatus.of(run("rollout", "status", "deployment/" + name, "-n", namespace, "--watch=false"));
		}

		@Override
		public void close() {
			deleteTree(this.directory);
		}

	}

	/**
	 * What one run of kubectl did.
	 *
	 * @param exitCode its exit code
	 * @param stdout what it printed on standard output
	 * @param stderr what it printed on standard error
	 */
	public record Result(int exitCode, String stdout, String stderr) {

		public Result {
			Objects.requireNonNull(stdout, "stdout");
			Objects.requireNonNull(stderr, "stderr");
		}

		/**
		 * Whether it exited with 0.
		 * @return whether it succeeded
		 */
		public boolean succeeded() {
			return this.exitCode == 0;
		}

		@Override
		public String toString() {
			return "exit " + this.exitCode + ", stdout: " + this.stdout.strip() + ", stderr: " + this.stderr.strip();
		}

	}

	/**
	 * What {@code kubectl rollout status --watch=false} says of a rollout.
	 *
	 * @param verdict done, waiting or failed
	 * @param message kubectl's line (from standard output, or from standard error if it
	 * failed), e.g. {@code deployment "web" successfully rolled out} or
	 * {@code error: deployment "web" exceeded its progress deadline}
	 * @param result the run it comes from
	 */
	public record RolloutStatus(Verdict verdict, String message, Result result) {

		static RolloutStatus of(Result result) {
			if (!result.succeeded()) {
				return new RolloutStatus(Verdict.FAILED, lastLine(result.stderr()), result);
			}
			String message = lastLine(result.stdout());
			return new RolloutStatus(message.endsWith("successfully rolled out") ? Verdict.DONE : Verdict.WAITING,
					message, result);
		}

		private static String lastLine(String text) {
			List<String> lines = text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
			return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
		}

	}

	/**
	 * kubectl's verdict on a rollout.
	 */
	public enum Verdict {

		/** It printed that the rollout is complete and exited with 0. */
		DONE,

		/** It printed what the rollout waits for and exited with 0. */
		WAITING,

		/** It exited with an error, e.g. a progress deadline exceeded. */
		FAILED

	}

}
