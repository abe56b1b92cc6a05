package io.tagrelay.worker.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import io.tagrelay.support.kafka.TopicsProperties;
import io.tagrelay.worker.state.StateReporter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps events older than {@code tagrelay.kafka.max-event-age} from being applied: an
 * offset that was lost or reset replays the events topic from its beginning, and applying
 * old image requests again would downgrade Deployments and re-send old webhooks. Such an
 * event gets a {@code SKIPPED} outcome per container it concerns (skips have no webhook),
 * without a read of the cluster.
 */
@Component
class StaleEvents {

	private final Duration maxAge;

	private final Targets targets;

	private final Outcomes outcomes;

	private final Clock clock;

	@Autowired
	StaleEvents(TopicsProperties kafka, Targets targets, Outcomes outcomes, Clock clock) {
		this(kafka.maxEventAge(), targets, outcomes, clock);
	}

	StaleEvents(Duration maxAge, Targets targets, Outcomes outcomes, Clock clock) {
		this.maxAge = maxAge;
		this.targets = targets;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	/**
	 * Whether an event is too old to apply.
	 * @param event the event
	 * @return true if the ingest accepted it longer ago than the maximum age
	 */
	boolean isStale(DeployEvent event) {
		return event.receivedAt() != null
				&& Duration.between(event.receivedAt(), this.clock.instant()).compareTo(this.maxAge) > 0;
	}

	/**
	 * Reports a stale event skipped for every container it concerns.
	 * @param event the event
	 */
	void skip(DeployEvent event) {
		Instant now = this.clock.instant();
		String reason = "event accepted at " + event.receivedAt() + " is older than tagrelay.kafka.max-event-age ("
				+ this.maxAge + "); not applied";
		for (Target target : concerned(event)) {
			String container = (event instanceof ImageRequest request) ? request.target().container()
					: StateReporter.containerName(target);
			this.outcomes.skipped(new UpdateRequest(event, target, container, null, now), null, reason);
		}
	}

	private List<Target> concerned(DeployEvent event) {
		if (event instanceof ImageRequest request) {
			return List.of(ImageRequests.targetOf(this.targets, request));
		}
		return this.targets.forRepository(event.repository());
	}

}
