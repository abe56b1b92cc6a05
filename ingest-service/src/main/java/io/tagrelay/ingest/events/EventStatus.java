package io.tagrelay.ingest.events;

import java.time.Instant;
import java.util.List;

import io.tagrelay.model.event.DeploymentOutcome;

/**
 * The answer of {@code GET /events/{eventId}}.
 *
 * @param eventId the event id
 * @param status {@code pending} until every outcome the event will get has arrived, then
 * {@code done}
 * @param outcomes the outcomes so far, one per container
 */
record EventStatus(String eventId, String status, List<Outcome> outcomes) {

	static final String PENDING = "pending";

	static final String DONE = "done";

	static EventStatus of(Remembered known, boolean done) {
		return new EventStatus(known.eventId(), done ? DONE : PENDING,
				known.outcomes().stream().map(Outcome::of).toList());
	}

	boolean done() {
		return DONE.equals(this.status);
	}

	/**
	 * What the worker did for one container, as its webhook says it.
	 *
	 * @param namespace the namespace
	 * @param deployment the Deployment
	 * @param container the container
	 * @param result {@code UPDATED}, {@code FAILED} or {@code SKIPPED}
	 * @param image the image after (for a failure: the one attempted)
	 * @param previousImage the image before
	 * @param tag the tag of {@code image}
	 * @param reason why it failed or was skipped
	 * @param rolledBack for a failure of a target that rolls back: whether
	 * {@code previousImage} was set back
	 * @param finishedAt when the worker finished
	 */
	record Outcome(String namespace, String deployment, String container, String result, String image,
			String previousImage, String tag, String reason, Boolean rolledBack, Instant finishedAt) {

		static Outcome of(DeploymentOutcome outcome) {
			return new Outcome(outcome.target().namespace(), outcome.target().deployment(),
					outcome.target().container(), outcome.result().name(), outcome.image(), outcome.previousImage(),
					outcome.tag(), outcome.reason(), outcome.rolledBack(), outcome.finishedAt());
		}

	}

}
