package io.tagrelay.model.event;

import java.util.UUID;
import java.util.regex.Pattern;

import io.tagrelay.model.InvalidInputException;

/**
 * Event ids: {@code evt_} and a random UUID, safe in headers, logs and URLs.
 */
public final class EventIds {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

	private EventIds() {
	}

	/**
	 * A new random event id.
	 * @return the id
	 */
	public static String next() {
		return "evt_" + UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * Checks that a string is an event id, such as one a caller sends back to ask for its
	 * event.
	 * @param eventId the string
	 * @return the event id
	 * @throws InvalidInputException if it is not one
	 */
	public static String require(String eventId) {
		if (eventId == null || !ID.matcher(eventId).matches()) {
			throw new InvalidInputException("invalid event id");
		}
		return eventId;
	}

}
