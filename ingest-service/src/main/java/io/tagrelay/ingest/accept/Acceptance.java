package io.tagrelay.ingest.accept;

import io.tagrelay.ingest.events.EventLocation;
import io.tagrelay.ingest.publish.EventPublisher;
import io.tagrelay.model.event.DeployEvent;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers a request that enqueues an event: 202 with the event id, and its status to poll
 * as {@code Location}, once Kafka acknowledged it, or the publisher's 503 problem if it
 * did not in time.
 */
@Component
public class Acceptance {

	private final EventPublisher publisher;

	Acceptance(EventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * Enqueues an event.
	 * @param event the event
	 * @return the deferred 202 with {@code Location: /events/<eventId>}, answered once
	 * Kafka acknowledged the event
	 */
	public DeferredResult<ResponseEntity<Accepted>> accept(DeployEvent event) {
		return Deferred.of(
				this.publisher.publish(event)
					.thenApply((id) -> ResponseEntity.accepted().location(EventLocation.of(id)).body(new Accepted(id))),
				this.publisher.enqueueTimeout());
	}

}
