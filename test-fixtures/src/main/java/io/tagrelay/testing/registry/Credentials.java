package io.tagrelay.testing.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user of the registry's htpasswd Basic auth.
 *
 * @param username the user
 * @param password the password, never printed
 */
public record Credentials(String username, String password) {

	public Credentials {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(password, "password");
		if (username.isEmpty() || username.contains(":")) {
			throw new IllegalArgumentException("a user name of htpasswd is not empty and has no ':'");
		}
	}

	/**
	 * The value of an {@code Authorization} header with these credentials.
	 * @return {@code Basic <base64 of user:password>}
	 */
	public String basicAuthorization() {
		return "Basic " + base64();
	}

	/**
	 * The credentials as a Docker config JSON has them ({@code auths.<host>.auth}).
	 * @return the base64 of {@code user:password}
	 */
	String base64() {
		return Base64.getEncoder()
			.encodeToString((this.username + ":" + this.password).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "Credentials[username=" + this.username + ", password=(hidden)]";
	}

}
