package io.tagrelay.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the {@link RegistryTool}s to its end: without a shell, with no input, with
 * a timeout, and failing with what it printed when it fails.
 */
final class Commands {

	/** How long one command may take: every one here works on a few kilobytes. */
	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private Commands() {
	}

	/**
	 * Runs a tool.
	 * @param tool the tool
	 * @param arguments its arguments
	 * @return what it printed on standard output
	 * @throws IllegalStateException if it is missing, fails or does not exit in time
	 */
	static String run(RegistryTool tool, String... arguments) {
		return runWithInput(tool, "", arguments);
	}

	/**
	 * Runs a tool that reads its standard input, so that a password never is an argument
	 * (arguments show in the process list and in this class's failures).
	 * @param tool the tool
	 * @param input what it reads
	 * @param arguments its arguments
	 * @return what it printed on standard output
	 * @throws IllegalStateException if it is missing, fails or does not exit in time
	 */
	static String runWithInput(RegistryTool tool, String input, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(tool.require().toString());
		command.addAll(List.of(arguments));
		try {
			Path stdin = Files.writeString(Files.createTempFile("registry-tool-", ".in"), input);
			Path stdout = Files.createTempFile("registry-tool-", ".out");
			Path stderr = Files.createTempFile("registry-tool-", ".err");
			try {
				Process process = new ProcessBuilder(command).redirectInput(stdin.toFile())
					.redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile())
					.start();
				boolean exited = waitFor(process, command);
				String out = Files.readString(stdout, StandardCharsets.UTF_8);
				String err = Files.readString(stderr, StandardCharsets.UTF_8);
				if (!exited || process.exitValue() != 0) {
					throw new IllegalStateException(String.join(" ", command)
							+ (exited ? " exited with " + process.exitValue() : " did not exit within " + TIMEOUT)
							+ ": " + out.strip() + " " + err.strip());
				}
				return out;
			}
			finally {
				Files.deleteIfExists(stdin);
				Files.deleteIfExists(stdout);
				Files.deleteIfExists(stderr);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean waitFor(Process process, List<String> command) {
		try {
			if (process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				return true;
			}
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			return false;
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted waiting for " + String.join(" ", command), ex);
		}
	}

}
