package io.tagrelay.worker.notify;

/**
 * The receiver answered with a client error that a retry will not fix (a 4xx other than
 * 408 and 429): the outcome goes to the dead-letter topic at once.
 */
class WebhookRejectedException extends RuntimeException {

	WebhookRejectedException(String message) {
		super(message);
	}

}
