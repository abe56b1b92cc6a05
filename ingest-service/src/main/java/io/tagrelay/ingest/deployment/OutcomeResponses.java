package io.tagrelay.ingest.deployment;

import java.net.URI;

import io.tagrelay.ingest.events.EventLocation;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.image.ImageReference;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * How a {@code ?wait=true} request is answered once its outcome arrives:
 * <ul>
 * <li>UPDATED: 200, kube-update-api's shape with the new image;</li>
 * <li>SKIPPED because the container already runs the requested image: 200 as well (the
 * caller's goal holds, so a CI step that repeats a deploy passes);</li>
 * <li>SKIPPED for another reason: 409 with the worker's reason;</li>
 * <li>FAILED: 502 with the worker's reason (the deploy behind this gateway failed).</li>
 * </ul>
 * No outcome within the wait is 504, with the event's status to poll as {@code Location}.
 */
final class OutcomeResponses {

	private OutcomeResponses() {
	}

	static ResponseEntity<DeploymentView> answer(ImageRequest request, DeploymentOutcome outcome) {
		return switch (outcome.result()) {
			case UPDATED -> ResponseEntity.ok(DeploymentView.of(outcome.target(), outcome.image()));
			case SKIPPED -> {
				if (sameImage(request.image(), outcome.image())) {
					yield ResponseEntity.ok(DeploymentView.of(outcome.target(), outcome.image()));
				}
				throw problem(HttpStatus.CONFLICT, "Deployment skipped", outcome);
			}
			case FAILED -> throw problem(HttpStatus.BAD_GATEWAY, "Deployment failed", outcome);
		};
	}

	static ErrorResponseException timedOut(ImageRequest request) {
		ErrorResponseException problem = Problems.of(HttpStatus.GATEWAY_TIMEOUT, "Deployment still running",
				"no outcome for event " + request.eventId()
						+ " within the wait timeout; the event is queued and may still be applied: poll Location");
		problem.getBody().setProperty("eventId", request.eventId());
		problem.getHeaders().setLocation(EventLocation.of(request.eventId()));
		return problem;
	}

	private static ErrorResponseException problem(HttpStatus status, String title, DeploymentOutcome outcome) {
		ErrorResponseException problem = Problems.of(status, title, outcome.reason());
		problem.getBody().setType(URI.create("urn:tagrelay:outcome:" + outcome.result().name().toLowerCase()));
		problem.getBody().setProperty("eventId", outcome.eventId());
		problem.getBody().setProperty("image", outcome.image());
		problem.getBody().setProperty("previousImage", outcome.previousImage());
		if (outcome.rolledBack() != null) {
			problem.getBody().setProperty("rolledBack", outcome.rolledBack());
		}
		return problem;
	}

	private static boolean sameImage(String requested, String current) {
		try {
			return current != null && ImageReference.parse(requested).equals(ImageReference.parse(current));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
