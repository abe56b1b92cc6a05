package io.tagrelay.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the user's pipeline: records every success/failure webhook it receives,
 * checks its Standard Webhooks signature, and lists what it got at {@code GET /received}.
 */
public final class WebhookReceiver implements AutoCloseable {

	private static final int MAX_BODY = 256 * 1024;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Delivery> received = new CopyOnWriteArrayList<>();

	private final byte[] signingKey;

	private final HttpServer server;

	/**
	 * Starts a receiver on the loopback interface.
	 * @param port the port, 0 for any free one
	 * @param signingSecret the Standard Webhooks secret ({@code whsec_<base64>}) to
	 * verify with
	 * @throws IOException if the port cannot be bound
	 */
	public WebhookReceiver(int port, String signingSecret) throws IOException {
		this.signingKey = Base64.getDecoder().decode(signingSecret.substring("whsec_".length()));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		this.server.createContext("/received", this::list);
		this.server.createContext("/", this::receive);
		this.server.setExecutor(Executors.newFixedThreadPool(2));
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
	 * What it has received so far, oldest first.
	 * @return the deliveries
	 */
	public List<Delivery> received() {
		return List.copyOf(this.received);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, "{\"error\":\"POST a webhook here, or GET /received\"}");
				return;
			}
			byte[] body = readBounded(exchange.getRequestBody());
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
			this.received.add(new Delivery(Instant.now(), exchange.getRequestURI().getPath(), id, timestamp,
					verifies(id, timestamp, signature, body), parse(body)));
			respond(exchange, 204, null);
		}
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
				entry.put("body", delivery.body());
				out.add(entry);
			}
			respond(exchange, 200, this.json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
		}
	}

	boolean verifies(String id, String timestamp, String header, byte[] body) {
		if (id == null || timestamp == null || header == null) {
			return false;
		}
		String expected = "v1," + sign(id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8));
		for (String candidate : header.split(" ")) {
			if (MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
					expected.getBytes(StandardCharsets.UTF_8))) {
				return true;
			}
		}
		return false;
	}

	private String sign(String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.signingKey, "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode parse(byte[] body) {
		try {
			return this.json.readTree(body);
		}
		catch (RuntimeException ex) {
			return this.json.getNodeFactory().stringNode(new String(body, StandardCharsets.UTF_8));
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
	}

	/**
	 * One webhook as received.
	 *
	 * @param receivedAt when
	 * @param path the request path
	 * @param webhookId the {@code webhook-id} header
	 * @param webhookTimestamp the {@code webhook-timestamp} header
	 * @param signatureVerified whether {@code webhook-signature} verified with the secret
	 * @param body the JSON body
	 */
	public record Delivery(Instant receivedAt, String path, String webhookId, String webhookTimestamp,
			boolean signatureVerified, JsonNode body) {

		/**
		 * The webhook's {@code type}.
		 * @return e.g. {@code deployment.updated}
		 */
		public String type() {
			return this.body.path("type").asString(null);
		}

	}

}
