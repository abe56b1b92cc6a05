package io.tagrelay.ingest.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.problem.Problems;

import org.springframework.stereotype.Component;

/**
 * Keeps each client within {@code tagrelay.ingest.clients[n].max-queued} pending events:
 * those this replica knows of (its own and, through the events topic, the other
 * replicas') that do not have every outcome yet, and those it is enqueuing right now. An
 * event stops counting when its last outcome arrives, or when it is forgotten
 * ({@code tagrelay.ingest.events.retention}), so an event whose outcome never comes holds
 * its place that long at most.
 */
@Component
public class QueuedEvents {

	/** When to retry after a 429: rollouts take a while. */
	static final Duration RETRY = Duration.ofSeconds(30);

	private final EventIndex index;

	private final ExpectedOutcomes expected;

	private final Map<String, Integer> enqueuing = new HashMap<>();

	QueuedEvents(EventIndex index, ExpectedOutcomes expected) {
		this.index = index;
		this.expected = expected;
	}

	/**
	 * Takes places for a client's new events, or refuses them with 429.
	 * @param client the client
	 * @param count how many events it asks to enqueue
	 * @return what gives the places back once the events are enqueued (or failed to be),
	 * when they count as pending or not at all; safe to run more than once
	 */
	public synchronized Runnable reserve(Client client, int count) {
		if (client.maxQueued() <= 0) {
			return () -> {
			};
		}
		int pending = this.index.count((known) -> isPendingOf(client, known))
				+ this.enqueuing.getOrDefault(client.name(), 0);
		if (pending + count > client.maxQueued()) {
			throw Problems.tooManyRequests("client " + client.name() + " has " + pending + " event(s) pending, at most "
					+ client.maxQueued() + " (tagrelay.ingest.clients[n].max-queued); retry once some finished", RETRY);
		}
		this.enqueuing.merge(client.name(), count, Integer::sum);
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				release(client.name(), count);
			}
		};
	}

	private synchronized void release(String client, int count) {
		this.enqueuing.computeIfPresent(client, (name, enqueuing) -> (enqueuing > count) ? enqueuing - count : null);
	}

	private boolean isPendingOf(Client client, Remembered known) {
		return known.event() != null && client.name().equals(known.event().client()) && !known.done()
				&& !this.expected.allArrived(known);
	}

}
