package io.tagrelay.ingest.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.DeploymentOutcome;

/**
 * What a replica knows of one event.
 *
 * @param eventId the event id
 * @param event the event, or {@code null} while only its outcomes are known
 * @param outcomes the outcomes so far, one per container (the last one published wins)
 * @param done whether every outcome the event will get has arrived, once seen
 * @param changedAt when this replica last learned something of the event
 */
record Remembered(String eventId, DeployEvent event, List<DeploymentOutcome> outcomes, boolean done,
		Instant changedAt) {

	Remembered {
		outcomes = List.copyOf(outcomes);
	}

	static Remembered nothing(String eventId) {
		return new Remembered(eventId, null, List.of(), false, Instant.EPOCH);
	}

	Remembered with(DeployEvent event, Instant now) {
		return new Remembered(this.eventId, event, this.outcomes, this.done, now);
	}

	Remembered with(DeploymentOutcome outcome, Instant now) {
		List<DeploymentOutcome> all = new ArrayList<>(this.outcomes);
		all.removeIf((known) -> known.target().equals(outcome.target()));
		all.add(outcome);
		return new Remembered(this.eventId, this.event, all, this.done, now);
	}

	Remembered asDone() {
		return new Remembered(this.eventId, this.event, this.outcomes, true, this.changedAt);
	}

}
