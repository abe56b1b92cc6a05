package io.tagrelay.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local webhook receiver that records what it is sent and can refuse the first attempts
 * on a path.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

	private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	public WebhookReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
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
		this.failureStatus.put(path, status);
		this.failuresLeft.put(path, new AtomicInteger(attempts));
	}

	public int attempts(String path) {
		return this.attempts.computeIfAbsent(path, (p) -> new AtomicInteger()).get();
	}

	public List<Received> received(String path) {
		return this.received.stream().filter((r) -> r.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		byte[] body = exchange.getRequestBody().readAllBytes();
		this.attempts.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
		AtomicInteger failures = this.failuresLeft.get(path);
		boolean fail = failures != null && failures.getAndDecrement() > 0;
		if (!fail) {
			this.received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"), body));
		}
		exchange.sendResponseHeaders(fail ? this.failureStatus.get(path) : 204, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One delivery.
	 *
	 * @param path the path
	 * @param id {@code webhook-id}
	 * @param timestamp {@code webhook-timestamp}
	 * @param signature {@code webhook-signature}
	 * @param body the body
	 */
	public record Received(String path, String id, String timestamp, String signature, byte[] body) {
	}

}
