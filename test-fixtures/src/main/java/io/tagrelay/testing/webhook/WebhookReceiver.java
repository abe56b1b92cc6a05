package io.tagrelay.testing.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the user's pipeline: a webhook receiver on the loopback interface that
 * keeps every webhook it accepts, checks its Standard Webhooks signature when it knows
 * the secret, lists what it got at {@code GET /received}, and can refuse the first
 * attempts on a path.
 */
public final class WebhookReceiver implements AutoCloseable {

	private static final int MAX_BODY = 256 * 1024;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Delivery> received = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

	private final List<Consumer<Delivery>> observers = new CopyOnWriteArrayList<>();

	private final SignatureVerifier verifier;

	private final ExecutorService executor = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "webhook-receiver");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpServer server;

	/**
	 * Starts a receiver on a free port that verifies no signature.
	 */
	public WebhookReceiver() {
		this(0, null);
	}

	/**
	 * Starts a receiver.
	 * @param port the port, 0 for any free one
	 * @param signingSecret the Standard Webhooks secret ({@code whsec_<base64>}) to
	 * verify with, or {@code null} to verify none
	 */
	public WebhookReceiver(int port, String signingSecret) {
		this.verifier = (signingSecret != null) ? new SignatureVerifier(signingSecret) : null;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/received", this::list);
		this.server.createContext("/", this::receive);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Where it takes webhooks.
	 * @param path the path
	 * @return the URL on the loopback interface
	 */
	public URI url(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

	/**
	 * Answers 503 to the next attempts on a path.
	 * @param path the path
	 * @param attempts how many
	 */
	public void failFirst(String path, int attempts) {
		failFirst(path, attempts, 503);
	}

	/**
	 * Answers the given status to the next attempts on a path.
	 * @param path the path
	 * @param attempts how many
	 * @param status the status
	 */
	public void failFirst(String path, int attempts, int status) {
		this.refusals.put(path, new Refusal(status, new AtomicInteger(attempts)));
	}

	/**
	 * Has an observer look at every accepted webhook before the receiver answers it, so
	 * that a test can see the world as it was when the webhook arrived (what a pipeline
	 * starting its post-deploy tests would find).
	 * @param observer called on the receiver's thread, once per accepted delivery
	 */
	public void observe(Consumer<Delivery> observer) {
		this.observers.add(observer);
	}

	/**
	 * How many attempts reached a path, refused ones included.
	 * @param path the path
	 * @return the count
	 */
	public int attempts(String path) {
		return this.attempts.computeIfAbsent(path, (p) -> new AtomicInteger()).get();
	}

	/**
	 * What it has accepted so far, oldest first.
	 * @return the deliveries
	 */
	public List<Delivery> received() {
		return List.copyOf(this.received);
	}

	/**
	 * What it has accepted on a path so far, oldest first.
	 * @param path the path
	 * @return the deliveries
	 */
	public List<Delivery> received(String path) {
		return this.received.stream().filter((delivery) -> delivery.path().equals(path)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, "{\"error\":\"POST a webhook here, or GET /received\"}");
				return;
			}
			String path = exchange.getRequestURI().getPath();
			byte[] body = readBounded(exchange.getRequestBody());
			this.attempts.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
			Refusal refusal = this.refusals.get(path);
			if (refusal != null && refusal.left().getAndDecrement() > 0) {
				respond(exchange, refusal.status(), null);
				return;
			}
			Delivery delivery = delivery(exchange, path, body);
			this.observers.forEach((observer) -> observer.accept(delivery));
			this.received.add(delivery);
			respond(exchange, 204, null);
		}
	}

	private Delivery delivery(HttpExchange exchange, String path, byte[] body) {
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
		String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
		boolean verified = this.verifier != null && this.verifier.verifies(id, timestamp, signature, body);
		return new Delivery(Instant.now(), path, id, timestamp, signature, verified, body, headers(exchange));
	}

	private static Map<String, String> headers(HttpExchange exchange) {
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
					values.isEmpty() ? "" : values.get(0)));
		return headers;
	}

	private void list(HttpExchange exchange) throws IOException {
		try (exchange) {
			List<Map<String, Object>> out = new ArrayList<>();
			for (Delivery delivery : this.received) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("receivedAt", delivery.receivedAt().toString());
				entry.put("path", delivery.path());
				entry.put("webhookId", delivery.webhookId());
				entry.put("webhookTimestamp", delivery.webhookTimestamp());
				entry.put("signatureVerified", delivery.signatureVerified());
				entry.put("body", delivery.json());
				out.add(entry);
			}
			respond(exchange, 200, this.json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
		}
	}

	private static byte[] readBounded(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			throw new IOException("webhook body over " + MAX_BODY + " bytes");
		}
		return body;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		if (body == null) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * The answer to the next attempts on a path.
	 *
	 * @param status the status to answer
	 * @param left how many attempts are still to be refused
	 */
	private record Refusal(int status, AtomicInteger left) {
	}

}
