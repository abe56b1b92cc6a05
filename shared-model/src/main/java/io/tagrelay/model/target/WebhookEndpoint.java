package io.tagrelay.model.target;

import java.net.URI;

/**
 * Where a target's success/failure webhook goes ({@code tagrelay.targets[n].webhook}).
 *
 * @param url the receiver, or {@code null} for no webhook
 */
public record WebhookEndpoint(URI url) {

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
