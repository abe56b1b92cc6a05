package io.tagrelay.worker.notify;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tagrelay.model.event.DeploymentOutcome;

/**
 * The JSON body of the success/failure webhook.
 *
 * @param type {@code deployment.updated} or {@code deployment.failed}
 * @param eventId the event that caused it
 * @param namespace the namespace
 * @param deployment the Deployment
 * @param container the container
 * @param repository the repository the target follows
 * @param previousImage the image before
 * @param image the image after (for a failure: the one attempted)
 * @param tag the tag of {@code image}
 * @param reason why it failed; absent for an update
 * @param rolledBack for a failure of a target that rolls back, whether the previous image
 * was set back; absent otherwise
 * @param receivedAt when the ingest accepted the event
 * @param startedAt when the worker started on it
 * @param finishedAt when the worker finished
 * @param timestamp when the outcome happened (the same as {@code finishedAt})
 * @param digest the manifest digest the registry answered for {@code tag} before the
 * patch; absent when the registry was not asked or did not answer
 * @param client the name of the ingest client that asked for the event (never its token);
 * absent if the event named none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookPayload(String type, String eventId, String namespace, String deployment, String container,
		String repository, String previousImage, String image, String tag, String reason, Boolean rolledBack,
		Instant receivedAt, Instant startedAt, Instant finishedAt, Instant timestamp, String digest, String client) {

	static WebhookPayload of(DeploymentOutcome outcome) {
		return new WebhookPayload(outcome.webhookType(), outcome.eventId(), outcome.target().namespace(),
				outcome.target().deployment(), outcome.target().container(), outcome.repository(),
				outcome.previousImage(), outcome.image(), outcome.tag(), outcome.reason(), outcome.rolledBack(),
				outcome.receivedAt(), outcome.startedAt(), outcome.finishedAt(), outcome.finishedAt(), outcome.digest(),
				outcome.client());
	}

}
