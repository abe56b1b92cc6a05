package io.tagrelay.ingest.management;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the ingest's management port as a kubelet or Prometheus would: plain HTTP, no
 * token.
 */
public final class Management {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private Management() {
	}

	/**
	 * GETs a path of the management port, with the kubelet's default probe timeout.
	 * @param port the management port
	 * @param path e.g. {@code /actuator/health/liveness}
	 * @return the answer
	 * @throws IOException if none came within a second
	 * @throws InterruptedException if interrupted
	 */
	public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return get(port, path, Duration.ofSeconds(1));
	}

	/**
	 * GETs a path of the management port.
	 * @param port the management port
	 * @param path e.g. {@code /actuator/health/readiness}
	 * @param timeout how long to wait for the answer
	 * @return the answer
	 * @throws IOException if none came in time
	 * @throws InterruptedException if interrupted
	 */
	public static HttpResponse<String> get(int port, String path, Duration timeout)
			throws IOException, InterruptedException {
		return HTTP.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
