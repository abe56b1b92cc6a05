package io.tagrelay.testing.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code config.yml} of a test registry: filesystem storage, the loopback interface,
 * its access log on, and optionally htpasswd Basic auth and notification endpoints that
 * give up and retry quickly. Written as JSON, which is YAML too (and needs no escaping
 * rules of its own).
 *
 * @param port the port
 * @param storage the storage's root directory
 * @param htpasswd the htpasswd file, or {@code null} for anonymous access
 * @param notifications where the registry sends its events
 */
record RegistryConfig(int port, Path storage, Path htpasswd, List<Notification> notifications) {

	/** How long a notification may take before it counts as failed. */
	static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(2);

	/** How long the registry waits before it retries an endpoint that failed. */
	static final Duration NOTIFICATION_BACKOFF = Duration.ofMillis(500);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	String yaml() {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("version", "0.1");
		config.put("log", Map.of("level", "info", "formatter", "text", "accesslog", Map.of("disabled", false)));
		config.put("storage", Map.of("filesystem", Map.of("rootdirectory", this.storage.toString()), "delete",
				Map.of("enabled", true), "maintenance", Map.of("uploadpurging", Map.of("enabled", false))));
		config.put("http", Map.of("addr", "127.0.0.1:" + this.port, "secret", UUID.randomUUID().toString()));
		if (this.htpasswd != null) {
			config.put("auth", Map.of("htpasswd", Map.of("realm", "tagrelay-test", "path", this.htpasswd.toString())));
		}
		if (!this.notifications.isEmpty()) {
			config.put("notifications", Map.of("endpoints", endpoints()));
		}
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
	}

	private List<Map<String, Object>> endpoints() {
		List<Map<String, Object>> endpoints = new ArrayList<>();
		for (Notification notification : this.notifications) {
			Map<String, Object> endpoint = new LinkedHashMap<>();
			endpoint.put("name", "endpoint-" + (endpoints.size() + 1));
			endpoint.put("url", notification.url().toString());
			endpoint.put("headers", notification.headers());
			endpoint.put("timeout", NOTIFICATION_TIMEOUT.toMillis() + "ms");
			// after one failure the registry waits the backoff before each retry
			endpoint.put("threshold", 1);
			endpoint.put("backoff", NOTIFICATION_BACKOFF.toMillis() + "ms");
			endpoints.add(endpoint);
		}
		return endpoints;
	}

}
