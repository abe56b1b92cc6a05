package io.tagrelay.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the local stack is started. Every option has a default that gives the README's
 * Quick start; {@code --name=value} arguments change them, and other {@code --key=value}
 * arguments are passed on to both services as Spring Boot properties.
 *
 * @param ingestPort the ingest's port ({@code --ingest-port}, 8080)
 * @param ingestManagementPort the ingest's actuator port
 * ({@code --ingest-management-port}, 8082; any free one when the ingest's port is 0)
 * @param workerPort the worker's actuator port ({@code --worker-port}, 8081)
 * @param receiverPort the webhook receiver's port ({@code --receiver-port}, 9999)
 * @param apiPort the sandbox API's port ({@code --api-port}, 0 for any)
 * @param useKubeconfig use the cluster of {@code KUBECONFIG} instead of the sandbox
 * ({@code --cluster=kubeconfig})
 * @param stateDir where the kubeconfig is written ({@code --dir}, project root's
 * {@code .tagrelay-local})
 * @param serviceArguments further {@code --key=value} properties for both services
 */
public record LocalStackOptions(int ingestPort, int ingestManagementPort, int workerPort, int receiverPort, int apiPort,
		boolean useKubeconfig, Path stateDir, List<String> serviceArguments) {

	/**
	 * Reads {@code --name=value} options.
	 * @param args the options
	 * @return the options, with defaults for those not given
	 */
	public static LocalStackOptions parse(String... args) {
		Map<String, String> options = new HashMap<>();
		List<String> passOn = new ArrayList<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			switch (pair[0]) {
				case "ingest-port", "ingest-management-port", "worker-port", "receiver-port", "api-port", "cluster",
						"dir" ->
					options.put(pair[0], pair.length > 1 ? pair[1] : "");
				default -> passOn.add(arg);
			}
		}
		String cluster = options.getOrDefault("cluster", "sandbox");
		if (!cluster.equals("sandbox") && !cluster.equals("kubeconfig")) {
			throw new IllegalArgumentException("--cluster must be 'sandbox' or 'kubeconfig', not '" + cluster + "'");
		}
		int ingestPort = port(options, "ingest-port", 8080);
		return new LocalStackOptions(ingestPort, port(options, "ingest-management-port", (ingestPort == 0) ? 0 : 8082),
				port(options, "worker-port", 8081), port(options, "receiver-port", 9999), port(options, "api-port", 0),
				cluster.equals("kubeconfig"),
				options.containsKey("dir") ? Path.of(options.get("dir")) : projectRoot().resolve(".tagrelay-local"),
				List.copyOf(passOn));
	}

	private static int port(Map<String, String> options, String name, int fallback) {
		String value = options.get(name);
		try {
			int port = (value == null) ? fallback : Integer.parseInt(value);
			if (port < 0 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a port number, not '" + value + "'");
		}
	}

	/**
	 * The repository root (where {@code mvnw} is), found from the working directory,
	 * which is {@code local-stack/} when Maven runs the stack and the root when a person
	 * does.
	 */
	private static Path projectRoot() {
		Path dir = Path.of("").toAbsolutePath();
		for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
			if (Files.exists(candidate.resolve("mvnw")) && Files.isDirectory(candidate.resolve("shared-model"))) {
				return candidate;
			}
		}
		return dir;
	}

}
