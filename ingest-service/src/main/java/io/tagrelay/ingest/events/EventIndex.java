package io.tagrelay.ingest.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.DeploymentOutcome;

/**
 * The recent events this replica knows of, with their outcomes: fed by this replica's own
 * acceptances (so its 202 is followed by "pending" at once), by the events topic (the
 * events other replicas accepted) and by the results topic. Bounded by
 * {@code tagrelay.ingest.events.*}: an event is forgotten {@code retention} after it last
 * changed, or earlier when more than {@code capacity} events are remembered. Nothing here
 * reads Kafka on a request.
 */
public class EventIndex {

	// least recently changed first
	private final Map<String, Remembered> events = new LinkedHashMap<>();

	private final Duration retention;

	private final int capacity;

	private final Clock clock;

	EventIndex(EventsProperties properties, Clock clock) {
		this.retention = properties.retention();
		this.capacity = properties.capacity();
		this.clock = clock;
	}

	/**
	 * Remembers an event Kafka acknowledged.
	 * @param event the event
	 */
	public void accepted(DeployEvent event) {
		change(event.eventId(), (known) -> known.with(event, this.clock.instant()));
	}

	/**
	 * Remembers an outcome the worker published.
	 * @param outcome the outcome
	 */
	public void outcome(DeploymentOutcome outcome) {
		change(outcome.eventId(), (known) -> known.with(outcome, this.clock.instant()));
	}

	/**
	 * How long an event is remembered, and how far back the topics are read at start-up.
	 * @return {@code tagrelay.ingest.events.retention}
	 */
	public Duration retention() {
		return this.retention;
	}

	synchronized Optional<Remembered> find(String eventId) {
		forgetOld();
		return Optional.ofNullable(this.events.get(eventId));
	}

	synchronized int count(Predicate<Remembered> which) {
		forgetOld();
		int count = 0;
		for (Remembered known : this.events.values()) {
			count += which.test(known) ? 1 : 0;
		}
		return count;
	}

	synchronized void markDone(String eventId) {
		// replacing the value of a key keeps its place in the order
		this.events.computeIfPresent(eventId, (id, known) -> known.asDone());
	}

	private synchronized void change(String eventId, UnaryOperator<Remembered> change) {
		Remembered known = this.events.remove(eventId);
		this.events.put(eventId, change.apply((known != null) ? known : Remembered.nothing(eventId)));
		forgetOld();
	}

	private void forgetOld() {
		Instant oldest = this.clock.instant().minus(this.retention);
		Iterator<Remembered> remembered = this.events.values().iterator();
		while (remembered.hasNext()) {
			Remembered next = remembered.next();
			if (this.events.size() <= this.capacity && !next.changedAt().isBefore(oldest)) {
				return;
			}
			remembered.remove();
		}
	}

}
