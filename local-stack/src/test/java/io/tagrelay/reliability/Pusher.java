package io.tagrelay.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.tagrelay.local.LocalStack;

/**
 * Pushes tags to the ingest as Quay does ({@code POST /webhook}, basic auth), and says
 * how each push was answered and how long the answer took.
 */
final class Pusher {

	/** Longer than any answer may take: a push still unanswered then is a hang. */
	static final Duration HANG = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI webhook;

	Pusher(int ingestPort) {
		this.webhook = URI.create("http://127.0.0.1:" + ingestPort + "/webhook");
	}

	Push push(String repository, String tag) {
		String payload = """
				{"docker_url":"%s","updated_tags":["%s"]}""".formatted(repository, tag);
		String basic = Base64.getEncoder()
			.encodeToString(("relay:" + LocalStack.TOKEN).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(this.webhook)
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + basic)
			.timeout(HANG)
			.POST(HttpRequest.BodyPublishers.ofString(payload))
			.build();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Push(repository, tag, response.statusCode(), response.body(), start, System.nanoTime());
		}
		catch (IOException ex) {
			// a timeout (a hang) or a refused connection: no answer at all
			return new Push(repository, tag, 0, ex.toString(), start, System.nanoTime());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Push(repository, tag, 0, ex.toString(), start, System.nanoTime());
		}
	}

	/**
	 * One push and its answer.
	 *
	 * @param repository the repository
	 * @param tag the tag pushed
	 * @param status the HTTP status, 0 if none came
	 * @param body the answer's body
	 * @param startNanos when it was sent ({@link System#nanoTime()})
	 * @param endNanos when it was answered
	 */
	record Push(String repository, String tag, int status, String body, long startNanos, long endNanos) {

		Duration latency() {
			return Duration.ofNanos(this.endNanos - this.startNanos);
		}

		boolean accepted() {
			return this.status == 202;
		}

		/**
		 * The event id of a 202.
		 * @return the id
		 */
		String eventId() {
			return this.body.replaceAll(".*\"eventId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		}

	}

}
