package io.tagrelay.ingest.accept;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.events.EventLocation;
import io.tagrelay.ingest.events.QueuedEvents;
import io.tagrelay.ingest.publish.EventPublisher;
import io.tagrelay.model.event.DeployEvent;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers a request that enqueues events, within its client's {@code max-queued}
 * ({@link QueuedEvents}): 202 with the event ids, and for a single event its status to
 * poll as {@code Location}, once Kafka acknowledged every one of them, or the publisher's
 * 503 problem if one was not acknowledged in time (those that were stay enqueued: a
 * retried request enqueues them again, which the worker handles harmlessly).
 */
@Component
public class Acceptance {

	private final EventPublisher publisher;

	private final QueuedEvents queued;

	Acceptance(EventPublisher publisher, QueuedEvents queued) {
		this.publisher = publisher;
		this.queued = queued;
	}

	/**
	 * Enqueues events of a client, all sent at once, if it may have that many more
	 * pending ({@code tagrelay.ingest.clients[n].max-queued}), else 429.
	 * @param client the client that asks
	 * @param events the events, at least one
	 * @return the deferred 202, answered once Kafka acknowledged every event: for one
	 * event its id and {@code Location: /events/<eventId>}, for several
	 * {@link AcceptedEvents}
	 */
	public DeferredResult<ResponseEntity<?>> acceptAll(Client client, List<? extends DeployEvent> events) {
		if (events.isEmpty()) {
			throw new IllegalArgumentException("no event to accept");
		}
		Runnable release = this.queued.reserve(client, events.size());
		List<CompletableFuture<String>> sent = events.stream().map(this.publisher::publish).toList();
		CompletableFuture<Void> all = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
		all.whenComplete((acknowledged, failure) -> release.run());
		CompletableFuture<ResponseEntity<?>> answer = all
			.thenApply((acknowledged) -> accepted(sent.stream().map(CompletableFuture::join).toList()));
		return Deferred.of(answer, this.publisher.enqueueTimeout());
	}

	/**
	 * Enqueues one event of a client, as {@link #acceptAll(Client, List)} does, for a
	 * caller that waits for its outcome itself.
	 * @param client the client that asks
	 * @param event the event
	 * @return the event id once Kafka acknowledged it, failing as
	 * {@link EventPublisher#publish(DeployEvent)} does
	 */
	public CompletableFuture<String> publish(Client client, DeployEvent event) {
		Runnable release = this.queued.reserve(client, 1);
		return this.publisher.publish(event).whenComplete((id, failure) -> release.run());
	}

	/**
	 * Whether an answer is one of this class's 202s, which {@link AcceptedAnswerFilter}
	 * writes.
	 * @param answer the answer
	 * @return true for a 202 with the ids of the events acknowledged
	 */
	static boolean isAnswer(ResponseEntity<?> answer) {
		return answer.getStatusCode().value() == 202
				&& (answer.getBody() instanceof Accepted || answer.getBody() instanceof AcceptedEvents);
	}

	private static ResponseEntity<?> accepted(List<String> ids) {
		if (ids.size() == 1) {
			return ResponseEntity.accepted().location(EventLocation.of(ids.get(0))).body(new Accepted(ids.get(0)));
		}
		return ResponseEntity.accepted().body(new AcceptedEvents(ids));
	}

}
