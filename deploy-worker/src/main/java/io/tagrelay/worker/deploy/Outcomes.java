package io.tagrelay.worker.deploy;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
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

	/**
	 * An update whose rollout succeeded.
	 * @param request the update
	 * @param previous the image before
	 * @param image the image set
	 * @param digest the digest the registry answered for it, or {@code null}
	 * @return the outcome, published
	 */
	DeploymentOutcome updated(UpdateRequest request, String previous, ImageReference image, String digest) {
		return report(outcome(request, Result.UPDATED, previous, image.toString(), image.tag(), null, null, digest));
	}

	DeploymentOutcome failed(UpdateRequest request, String previous, String image, String reason) {
		return failed(request, previous, image, reason, null, null);
	}

	/**
	 * A failure, of a rollout when rolling back applies.
	 * @param request the update
	 * @param previous the image before
	 * @param image the image attempted
	 * @param reason what failed
	 * @param rolledBack whether {@code previous} was set back, {@code null} if the target
	 * does not roll back
	 * @param digest the digest the registry answered for {@code image}, or {@code null}
	 * @return the outcome, published
	 */
	DeploymentOutcome failed(UpdateRequest request, String previous, String image, String reason, Boolean rolledBack,
			String digest) {
		return report(outcome(request, Result.FAILED, previous, image, tagOf(image), reason, rolledBack, digest));
	}

	DeploymentOutcome skipped(UpdateRequest request, String current, String reason) {
		DeploymentOutcome outcome = outcome(request, Result.SKIPPED, current, current, tagOf(current), reason, null,
				null);
		if (quiet(request)) {
			scannedUnchanged(request);
			return outcome;
		}
		return report(outcome);
	}

	/**
	 * Reports many skips at once, publishing them together.
	 * @param requests the skipped updates
	 * @param current the image the container runs
	 * @param reason why each one is skipped
	 */
	void skippedAll(List<UpdateRequest> requests, String current, Function<UpdateRequest, String> reason) {
		if (requests.isEmpty()) {
			return;
		}
		List<DeploymentOutcome> all = requests.stream()
			.filter((request) -> !quiet(request))
			.map((request) -> outcome(request, Result.SKIPPED, current, current, tagOf(current), reason.apply(request),
					null, null))
			.toList();
		requests.stream().filter(Outcomes::quiet).forEach(this::scannedUnchanged);
		if (all.isEmpty()) {
			return;
		}
		if (all.size() == 1) {
			logger.info(line(all.get(0)));
		}
		else {
			// one line for many: a burst of thousands of stale pushes would flood the log
			all.forEach((outcome) -> logger.debug(line(outcome)));
			logger.info(all.size() + " events for " + all.get(0).target().key() + ": SKIPPED, " + current + " stays");
		}
		this.publisher.publishAll(all);
		all.forEach(this.metrics::outcome);
	}

	// asked of skips only: a scan that changes nothing is nobody's request, so no outcome
	// is published; the results topic and the webhooks carry what happened, not every
	// minute's scan
	private static boolean quiet(UpdateRequest request) {
		return request.event() instanceof RegistryPush push && push.fromScan();
	}

	private void scannedUnchanged(UpdateRequest request) {
		this.metrics.scannedUnchanged();
		if (logger.isDebugEnabled()) {
			logger.debug(request.event().eventId() + " " + request.ref().key() + ": scanned, nothing to change");
		}
	}

	private DeploymentOutcome report(DeploymentOutcome outcome) {
		logger.info(line(outcome));
		this.publisher.publish(outcome);
		this.metrics.outcome(outcome);
		return outcome;
	}

	private DeploymentOutcome outcome(UpdateRequest request, Result result, String previous, String image, String tag,
			String reason, Boolean rolledBack, String digest) {
		return new DeploymentOutcome(request.event().eventId(), result, request.ref(), request.target().repository(),
				previous, image, tag, reason, rolledBack, request.event().receivedAt(), request.startedAt(),
				this.clock.instant(), digest, request.event().client());
	}

	private static String line(DeploymentOutcome outcome) {
		return outcome.eventId() + " " + outcome.target().key() + ": " + outcome.result() + " "
				+ outcome.previousImage() + " -> " + outcome.image()
				+ ((outcome.reason() != null) ? " (" + outcome.reason() + ")" : "");
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
