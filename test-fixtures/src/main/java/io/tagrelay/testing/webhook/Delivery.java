package io.tagrelay.testing.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One webhook as the {@link WebhookReceiver} accepted it.
 *
 * @param receivedAt when
 * @param path the request path
 * @param webhookId the {@code webhook-id} header
 * @param webhookTimestamp the {@code webhook-timestamp} header
 * @param signature the {@code webhook-signature} header
 * @param signatureVerified whether the signature verified with the receiver's secret
 * @param body the body as received
 * @param headers the request headers, by lower-cased name, each with its first value
 * (registries that cannot sign prove themselves with one, e.g. {@code authorization})
 */
public record Delivery(Instant receivedAt, String path, String webhookId, String webhookTimestamp, String signature,
		boolean signatureVerified, byte[] body, Map<String, String> headers) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public Delivery {
		headers = Map.copyOf(headers);
	}

	/**
	 * A request header.
	 * @param name its name, in any case
	 * @return its first value, or {@code null} if it was not sent
	 */
	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * The body as JSON.
	 * @return the JSON, or a text node of the body if it is not JSON
	 */
	public JsonNode json() {
		try {
			return JSON.readTree(this.body);
		}
		catch (RuntimeException ex) {
			return JSON.getNodeFactory().stringNode(new String(this.body, StandardCharsets.UTF_8));
		}
	}

	/**
	 * Fields of the JSON body, as text.
	 * @param names the fields' names
	 * @return their values, {@code null} for a missing one
	 */
	public List<String> fields(String... names) {
		JsonNode json = json();
		return Arrays.stream(names).map((name) -> json.path(name).asString(null)).toList();
	}

	/**
	 * The webhook's {@code type}.
	 * @return e.g. {@code deployment.updated}
	 */
	public String type() {
		return json().path("type").asString(null);
	}

}
