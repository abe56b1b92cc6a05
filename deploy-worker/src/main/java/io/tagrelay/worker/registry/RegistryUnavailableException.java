package io.tagrelay.worker.registry;

/**
 * A registry could not say whether it has a manifest: it is out of reach (no answer, its
 * host not found, or {@code 408}, {@code 429}, {@code 5xx} after every retry), or it
 * refused the worker's credentials, or answered what the API does not allow. The message
 * is safe to show a user: it names the registry and what it answered, never a credential.
 */
public class RegistryUnavailableException extends RuntimeException {

	private final boolean outage;

	RegistryUnavailableException(String message, boolean outage) {
		super(message, null, false, false);
		this.outage = outage;
	}

	/**
	 * Whether the registry was out of reach, so that asking again later may answer;
	 * {@code false} when it answered (credentials refused, an unexpected status).
	 * @return true for an outage
	 */
	public boolean outage() {
		return this.outage;
	}

}
