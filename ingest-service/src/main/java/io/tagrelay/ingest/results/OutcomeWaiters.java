package io.tagrelay.ingest.results;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.TargetRef;

import org.springframework.stereotype.Component;

/**
 * Requests waiting ({@code ?wait=true}) for the outcome of their event, at most
 * {@code tagrelay.ingest.max-waiters} at a time (gauge {@code tagrelay.ingest.waiters}).
 * A waiter is registered before the event is sent, so its outcome cannot arrive unseen.
 */
@Component
public class OutcomeWaiters {

	/** When a caller refused for too many waiters should try again. */
	static final Duration RETRY = Duration.ofSeconds(5);

	private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();

	// counted apart from the map, so that the cap holds under concurrent registrations
	private final AtomicInteger waiting = new AtomicInteger();

	private final int maxWaiters;

	public OutcomeWaiters(IngestProperties properties, MeterRegistry meters) {
		this.maxWaiters = properties.maxWaiters();
		Gauge.builder("tagrelay.ingest.waiters", this.waiting, AtomicInteger::get)
			.description("requests waiting for the outcome of their event (?wait=true)")
			.register(meters);
	}

	/**
	 * Starts waiting for the outcome of an event for a container.
	 * @param eventId the event id
	 * @param target the container
	 * @return completes with the outcome; cancel it to stop waiting
	 * @throws org.springframework.web.ErrorResponseException 503 if
	 * {@code tagrelay.ingest.max-waiters} requests wait already
	 */
	public CompletableFuture<DeploymentOutcome> register(String eventId, TargetRef target) {
		if (this.waiting.incrementAndGet() > this.maxWaiters) {
			this.waiting.decrementAndGet();
			throw Problems.unavailable(this.maxWaiters + " requests are waiting for their rollouts already; "
					+ "send without wait=true and poll GET /events/{eventId}, or try again later", RETRY);
		}
		CompletableFuture<DeploymentOutcome> outcome = new CompletableFuture<>();
		this.waiters.put(eventId, new Waiter(target, outcome));
		outcome.whenComplete((result, failure) -> {
			this.waiters.remove(eventId);
			this.waiting.decrementAndGet();
		});
		return outcome;
	}

	void complete(DeploymentOutcome outcome) {
		Waiter waiter = this.waiters.get(outcome.eventId());
		if (waiter != null && waiter.target().equals(outcome.target())) {
			waiter.outcome().complete(outcome);
		}
	}

	int size() {
		return this.waiters.size();
	}

	private record Waiter(TargetRef target, CompletableFuture<DeploymentOutcome> outcome) {
	}

}
