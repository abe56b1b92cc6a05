package io.tagrelay.model.target;

import java.net.URI;

import io.tagrelay.model.InvalidInputException;

/**
 * Where a target's success/failure webhook goes ({@code tagrelay.targets[n].webhook}).
 *
 * @param url the receiver, or {@code null} for no webhook
 */
public record WebhookEndpoint(URI url) {

	public WebhookEndpoint {
		if (url != null && !isHttp(url)) {
			throw new InvalidInputException("webhook url must be an absolute http or https URL with a host");
		}
	}

	private static boolean isHttp(URI url) {
		String scheme = url.getScheme();
		return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && url.getHost() != null;
	}

	/**
	 * No webhook.
	 * @return an endpoint without a URL
	 */
	public static WebhookEndpoint none() {
		return new WebhookEndpoint(null);
	}

	/**
	 * Whether a webhook is configured.
	 * @return true if a URL is set
	 */
	public boolean enabled() {
		return this.url != null;
	}

}
