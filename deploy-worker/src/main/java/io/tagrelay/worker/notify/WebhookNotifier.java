package io.tagrelay.worker.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import io.tagrelay.model.target.WebhookEndpoint;
import io.tagrelay.worker.config.WebhookProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Delivers the webhook of one outcome to its target's receiver: {@code UPDATED} and
 * {@code FAILED} outcomes only, signed when a secret is set. A failed attempt throws, so
 * that the error handler retries it with backoff and finally dead-letters it.
 */
@Component
class WebhookNotifier {

	private static final Log logger = LogFactory.getLog(WebhookNotifier.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Targets targets;

	private final EventCodec codec;

	private final RestClient http;

	private final WebhookSigner signer;

	private final MeterRegistry metrics;

	private final Clock clock;

	private final DeliveredWebhooks delivered;

	WebhookNotifier(Targets targets, EventCodec codec, RestClient webhookRestClient, WebhookProperties properties,
			MeterRegistry metrics, Clock clock, DeliveredWebhooks delivered) {
		this.delivered = delivered;
		this.targets = targets;
		this.codec = codec;
		this.http = webhookRestClient;
		this.signer = (properties.secret() != null) ? new WebhookSigner(properties.secret()) : null;
		this.metrics = metrics;
		this.clock = clock;
	}

	void deliver(byte[] record) {
		DeploymentOutcome outcome = this.codec.readOutcome(record);
		Optional<URI> url = receiver(outcome);
		if (outcome.webhookType() == null || url.isEmpty()) {
			return;
		}
		if (this.delivered.already(outcome)) {
			logger.info("Not sending " + outcome.webhookType() + " of " + outcome.eventId() + " for "
					+ outcome.target().key() + " again: it was delivered already (the outcome was published again)");
			return;
		}
		byte[] body = JSON.writeValueAsBytes(WebhookPayload.of(outcome));
		try {
			HttpStatusCode status = post(url.get(), webhookId(outcome), body);
			check(status, outcome, url.get());
		}
		catch (RestClientException ex) {
			count("failed");
			// no cause: its message and stack trace would carry the URL as configured,
			// with
			// any credentials in it, into the logs and the dead-letter headers
			String message = "webhook " + outcome.webhookType() + " for " + outcome.target().key()
					+ " not delivered to " + redacted(url.get()) + ": " + describe(ex, url.get());
			logger.warn(message);
			throw new WebhookDeliveryException(message, null);
		}
		count("delivered");
		this.delivered.handled(outcome);
		logger
			.info("Delivered " + outcome.webhookType() + " of " + outcome.eventId() + " for " + outcome.target().key());
	}

	private Optional<URI> receiver(DeploymentOutcome outcome) {
		return this.targets
			.find(outcome.target().namespace(), outcome.target().deployment(), outcome.target().container())
			.map(Target::webhook)
			.filter(WebhookEndpoint::enabled)
			.map(WebhookEndpoint::url);
	}

	private HttpStatusCode post(URI url, String id, byte[] body) {
		long timestamp = this.clock.instant().getEpochSecond();
		return this.http.post().uri(url).contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			headers.set("webhook-id", id);
			headers.set("webhook-timestamp", Long.toString(timestamp));
			if (this.signer != null) {
				headers.set("webhook-signature", this.signer.sign(id, timestamp, body));
			}
		}).body(body).exchange((request, response) -> response.getStatusCode());
	}

	private void check(HttpStatusCode status, DeploymentOutcome outcome, URI url) {
		if (status.is2xxSuccessful()) {
			return;
		}
		count("failed");
		String message = "webhook " + outcome.webhookType() + " for " + outcome.target().key() + " answered "
				+ status.value() + " at " + redacted(url);
		logger.warn(message);
		if (status.is4xxClientError() && status.value() != 408 && status.value() != 429) {
			throw new WebhookRejectedException(message);
		}
		throw new WebhookDeliveryException(message, null);
	}

	/**
	 * The Standard Webhooks message id: the same for every attempt of one outcome.
	 * @param outcome the outcome
	 * @return {@code msg_<eventId>_<hash of the target key>}
	 */
	static String webhookId(DeploymentOutcome outcome) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(outcome.target().key().getBytes(StandardCharsets.UTF_8));
			return "msg_" + outcome.eventId() + "_" + HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * A receiver's URL fit for logs and dead-letter headers: without user info and query,
	 * where credentials and tokens go.
	 * @param url the URL as configured
	 * @return scheme, host, port and path
	 */
	static String redacted(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "")
				+ Objects.requireNonNullElse(url.getRawPath(), "");
	}

	// the type and message of the I/O failure and of its innermost cause (a refused
	// connection is a ConnectException caused by a ClosedChannelException), with the
	// configured URL's secrets removed
	private static String describe(RestClientException failure, URI url) {
		Throwable io = (failure.getCause() != null) ? failure.getCause() : failure;
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String text = describe(io, url);
		return (root != io) ? text + " (" + describe(root, url) + ")" : text;
	}

	private static String describe(Throwable failure, URI url) {
		if (failure.getMessage() == null) {
			return failure.getClass().getSimpleName();
		}
		String message = failure.getMessage().replace(url.toString(), redacted(url));
		return failure.getClass().getSimpleName() + ": "
				+ without(without(message, url.getRawUserInfo()), url.getRawQuery());
	}

	private static String without(String text, String secret) {
		return (secret == null || secret.isEmpty()) ? text : text.replace(secret, "[redacted]");
	}

	private void count(String result) {
		this.metrics.counter("tagrelay.webhook.deliveries", "result", result).increment();
	}

}
