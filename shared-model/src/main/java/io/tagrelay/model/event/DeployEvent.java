package io.tagrelay.model.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the ingest enqueues on the events topic, keyed by {@link #repository()} so that
 * the events of one repository are handled in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = RegistryPush.class, name = RegistryPush.TYPE),
		@JsonSubTypes.Type(value = ImageRequest.class, name = ImageRequest.TYPE) })
public sealed interface DeployEvent permits RegistryPush, ImageRequest {

	/**
	 * The id the ingest answered the caller with, carried through to outcomes and
	 * webhooks.
	 * @return the event id
	 */
	String eventId();

	/**
	 * The canonical repository ({@code registry/path}) the event is about.
	 * @return the repository
	 */
	String repository();

	/**
	 * When the ingest accepted the event.
	 * @return the instant
	 */
	Instant receivedAt();

	/**
	 * Who asked: the name of the ingest client whose credential the ingest accepted,
	 * never the credential itself.
	 * @return the client's name, {@link #UNKNOWN_CLIENT} for an event written before
	 * clients had names
	 */
	String client();

	/** The client of an event that names none. */
	String UNKNOWN_CLIENT = "unknown";

	/**
	 * A client's name as an event carries it.
	 * @param client the name, may be null
	 * @return the name, or {@link #UNKNOWN_CLIENT}
	 */
	static String client(String client) {
		return (client == null || client.isBlank()) ? UNKNOWN_CLIENT : client;
	}

}
