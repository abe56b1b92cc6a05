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

}
