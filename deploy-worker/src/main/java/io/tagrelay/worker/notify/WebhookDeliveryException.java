package io.tagrelay.worker.notify;

/**
 * An attempt to deliver a webhook failed in a way a later attempt may fix (no answer, a
 * 5xx, 408 or 429).
 */
class WebhookDeliveryException extends RuntimeException {

	WebhookDeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
