package io.tagrelay.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (ingest token, webhook signing secret). Its {@code toString} never shows
 * the value, so it is safe as a component of a configuration record, and it compares in
 * constant time.
 */
public final class Secret {

	private final byte[] value;

	/**
	 * Wraps a secret. Spring Boot uses this constructor to bind a property.
	 * @param value the secret, not empty
	 */
	public Secret(String value) {
		Objects.requireNonNull(value, "secret");
		if (value.isBlank()) {
			throw new InvalidInputException("a secret must not be blank");
		}
		this.value = value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Compares a candidate with this secret in time that does not depend on where they
	 * differ.
	 * @param candidate what a caller presented, may be null
	 * @return true if equal
	 */
	public boolean matches(String candidate) {
		if (candidate == null) {
			return false;
		}
		return MessageDigest.isEqual(this.value, candidate.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The secret's bytes, for signing. Never log them.
	 * @return a copy of the value
	 */
	public byte[] bytes() {
		return this.value.clone();
	}

	/**
	 * The secret as text. Never log it.
	 * @return the value
	 */
	public String reveal() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret secret && MessageDigest.isEqual(this.value, secret.value);
	}

	@Override
	public int hashCode() {
		return 0;
	}

	@Override
	public String toString() {
		return "[secret]";
	}

}
