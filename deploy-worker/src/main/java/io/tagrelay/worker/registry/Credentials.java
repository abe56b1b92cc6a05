package io.tagrelay.worker.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.tagrelay.model.Secret;

/**
 * How the worker signs in to one registry. No secret shows in a {@code toString}.
 */
sealed interface Credentials {

	/** No credentials: anonymous access, as for public repositories. */
	Credentials ANONYMOUS = new Anonymous();

	/**
	 * Anonymous access.
	 */
	record Anonymous() implements Credentials {
	}

	/**
	 * HTTP basic credentials, sent to a registry that asks for them and to the token
	 * endpoint of one that asks for a bearer token.
	 *
	 * @param username the user
	 * @param password the password or access token
	 */
	record Basic(String username, Secret password) implements Credentials {

		String header() {
			String pair = this.username + ":" + this.password.reveal();
			return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
		}

	}

	/**
	 * A bearer token sent to the registry as it is.
	 *
	 * @param token the token
	 */
	record Token(Secret token) implements Credentials {

		String header() {
			return "Bearer " + this.token.reveal();
		}

	}

}
