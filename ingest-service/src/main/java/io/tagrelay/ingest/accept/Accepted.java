package io.tagrelay.ingest.accept;

/**
 * The body of a 202: the id of the event Kafka acknowledged.
 *
 * @param eventId the event id, carried through to outcomes and webhooks
 */
public record Accepted(String eventId) {
}
