package io.tagrelay.ingest.events;

import java.net.URI;

/**
 * Where the status of an event is polled: the {@code Location} of every answer that names
 * an accepted event.
 */
public final class EventLocation {

	static final String PATH = "/events/{eventId}";

	private EventLocation() {
	}

	/**
	 * The status URI of an event, relative to the ingest's root.
	 * @param eventId the event id
	 * @return {@code /events/<eventId>}
	 */
	public static URI of(String eventId) {
		return URI.create(PATH.replace("{eventId}", eventId));
	}

}
