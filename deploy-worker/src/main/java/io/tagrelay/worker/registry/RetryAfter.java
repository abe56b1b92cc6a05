package io.tagrelay.worker.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): seconds, or an HTTP date.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The wait a header asks for.
	 * @param header the header's value, may be null
	 * @return the wait, never negative, or {@code null} if there is no readable header
	 */
	static Duration parse(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		if (value.chars().allMatch(Character::isDigit)) {
			return (value.length() > 9) ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(value));
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(Instant.now(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
