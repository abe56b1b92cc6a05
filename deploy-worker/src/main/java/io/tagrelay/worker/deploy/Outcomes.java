package io.tagrelay.worker.deploy;

import java.time.Clock;

import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.worker.publish.ResultsPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Makes, logs, counts and publishes the outcome of one update.
 */
@Component
class Outcomes {

	private static final Log logger = LogFactory.getLog(Outcomes.class);

	private final ResultsPublisher publisher;

	private final WorkerMetrics metrics;

	private final Clock clock;

	Outcomes(ResultsPublisher publisher, WorkerMetrics metrics, Clock clock) {
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
	}

	DeploymentOutcome updated(UpdateRequest request, String previous, ImageReference image) {
		return report(request, Result.UPDATED, previous, image.toString(), image.tag(), null);
	}

	DeploymentOutcome failed(UpdateRequest request, String previous, String image, String reason) {
		return report(request, Result.FAILED, previous, image, tagOf(image), reason);
	}

	DeploymentOutcome skipped(UpdateRequest request, String current, String reason) {
		return report(request, Result.SKIPPED, current, current, tagOf(current), reason);
	}

	private DeploymentOutcome report(UpdateRequest request, Result result, String previous, String image, String tag,
			String reason) {
		DeploymentOutcome outcome = new DeploymentOutcome(request.event().eventId(), result, request.ref(),
				request.target().repository(), previous, image, tag, reason, request.event().receivedAt(),
				request.startedAt(), this.clock.instant());
		logger.info(outcome.eventId() + " " + outcome.target().key() + ": " + result + " " + previous + " -> " + image
				+ ((reason != null) ? " (" + reason + ")" : ""));
		this.publisher.publish(outcome);
		this.metrics.outcome(outcome);
		return outcome;
	}

	private static String tagOf(String image) {
		try {
			return (image != null) ? ImageReference.parse(image).tag() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
