package io.tagrelay.ingest.results;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.TargetRef;

import org.springframework.stereotype.Component;

/**
 * Requests waiting ({@code ?wait=true}) for the outcome of their event. A waiter is
 * registered before the event is sent, so its outcome cannot arrive unseen.
 */
@Component
public class OutcomeWaiters {

	private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();

	/**
	 * Starts waiting for the outcome of an event for a container.
	 * @param eventId the event id
	 * @param target the container
	 * @return completes with the outcome; cancel it to stop waiting
	 */
	public CompletableFuture<DeploymentOutcome> register(String eventId, TargetRef target) {
		CompletableFuture<DeploymentOutcome> outcome = new CompletableFuture<>();
		this.waiters.put(eventId, new Waiter(target, outcome));
		outcome.whenComplete((result, failure) -> this.waiters.remove(eventId));
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
