package io.tagrelay.ingest.accept;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tagrelay.ingest.events.EventLocation;
import io.tagrelay.ingest.publish.EventPublisher;
import io.tagrelay.model.event.DeployEvent;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers a request that enqueues events: 202 with the event ids, and for a single event
 * its status to poll as {@code Location}, once Kafka acknowledged every one of them, or
 * the publisher's 503 problem if one was not acknowledged in time (those that were stay
 * enqueued: a retried request enqueues them again, which the worker handles harmlessly).
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

	/**
	 * Enqueues events, all sent at once.
	 * @param events the events, at least one
	 * @return the deferred 202, answered once Kafka acknowledged every event: for one
	 * event as {@link #accept(DeployEvent)} answers, for several {@link AcceptedEvents}
	 */
	public DeferredResult<ResponseEntity<?>> acceptAll(List<? extends DeployEvent> events) {
		if (events.isEmpty()) {
			throw new IllegalArgumentException("no event to accept");
		}
		List<CompletableFuture<String>> sent = events.stream().map(this.publisher::publish).toList();
		CompletableFuture<ResponseEntity<?>> answer = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
			.thenApply((acknowledged) -> accepted(sent.stream().map(CompletableFuture::join).toList()));
		return Deferred.of(answer, this.publisher.enqueueTimeout());
	}

	private static ResponseEntity<?> accepted(List<String> ids) {
		if (ids.size() == 1) {
			return ResponseEntity.accepted().location(EventLocation.of(ids.get(0))).body(new Accepted(ids.get(0)));
		}
		return ResponseEntity.accepted().body(new AcceptedEvents(ids));
	}

}
