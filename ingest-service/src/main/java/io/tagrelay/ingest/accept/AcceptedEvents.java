package io.tagrelay.ingest.accept;

import java.util.List;

/**
 * The body of a 202 for several events (a registry's notification of pushes to several
 * repositories): the ids of the events Kafka acknowledged.
 *
 * @param eventIds the event ids, each carried through to outcomes and webhooks
 */
public record AcceptedEvents(List<String> eventIds) {

	public AcceptedEvents {
		eventIds = List.copyOf(eventIds);
	}

}
