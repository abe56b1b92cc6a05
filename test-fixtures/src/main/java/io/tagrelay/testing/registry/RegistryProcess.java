package io.tagrelay.testing.registry;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code docker-registry serve} process on a free port of the loopback interface,
 * killed when the JVM exits if no one stopped it.
 */
final class RegistryProcess {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static final int START_ATTEMPTS = 3;

	private final int port;

	private final Process process;

	private final Thread killOnExit;

	private RegistryProcess(int port, Process process) {
		this.port = port;
		this.process = process;
		this.killOnExit = new Thread(process::destroyForcibly, "registry-kill-on-exit");
		Runtime.getRuntime().addShutdownHook(this.killOnExit);
	}

	/**
	 * Starts the registry and waits until it serves {@code /v2/}; a port another process
	 * took meanwhile is retried with another.
	 * @param files its directory
	 * @param config its configuration, given a port
	 * @return the running process
	 * @throws IllegalStateException if it does not start, with what it printed
	 */
	static RegistryProcess start(RegistryFiles files, PortConfig config) {
		Path executable = RegistryTool.DOCKER_REGISTRY.require();
		for (int attempt = 1;; attempt++) {
			int port = freePort();
			Path configFile = files.writeConfig(config.forPort(port));
			RegistryProcess registry = launch(executable, configFile, files.log(), port);
			if (registry.awaitServing(files)) {
				return registry;
			}
			registry.stop();
			if (!files.logText().contains("address already in use") || attempt == START_ATTEMPTS) {
				throw new IllegalStateException(
						"docker-registry did not start on 127.0.0.1:" + port + "; it printed:\n" + files.logText());
			}
		}
	}

	int port() {
		return this.port;
	}

	/** Stops it, the hard way if it does not stop within seconds. */
	void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is exiting already, and the hook kills the process anyway
		}
	}

	private static RegistryProcess launch(Path executable, Path config, Path log, int port) {
		try {
			Process process = new ProcessBuilder(List.of(executable.toString(), "serve", config.toString()))
				.directory(config.getParent().toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new RegistryProcess(port, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean awaitServing(RegistryFiles files) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v2/"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			// its own line first: an answer on the port could come from another process
			if (files.logText().contains("listening on 127.0.0.1:" + this.port)) {
				try {
					// 200, or 401 with auth on: either way it serves the API
					http.send(probe, HttpResponse.BodyHandlers.discarding());
					return true;
				}
				catch (IOException ex) {
					// not yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			pause();
		}
		return false;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The registry's configuration but for its port, which is chosen at each attempt.
	 */
	@FunctionalInterface
	interface PortConfig {

		RegistryConfig forPort(int port);

	}

}
