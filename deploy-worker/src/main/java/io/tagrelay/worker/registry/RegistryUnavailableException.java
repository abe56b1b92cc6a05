package io.tagrelay.worker.registry;

/**
 * A registry could not say whether it has a manifest: no answer, or {@code 408},
 * {@code 429}, {@code 5xx} after every retry, or it refused the worker's credentials. The
 * message is safe to show a user: it names the registry and what it answered, never a
 * credential.
 */
public class RegistryUnavailableException extends RuntimeException {

	RegistryUnavailableException(String message) {
		super(message, null, false, false);
	}

}
