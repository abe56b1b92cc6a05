package io.tagrelay.model.event;

import java.time.Instant;
import java.util.Objects;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.image.Digests;

/**
 * What the worker did with one event for one container, published on the results topic
 * keyed by {@link TargetRef#key()}. The success/failure webhook is made from it.
 *
 * @param eventId the event that caused it
 * @param result updated, failed or skipped
 * @param target the container
 * @param repository the repository the target follows
 * @param previousImage the image before, or {@code null} if the container was not found
 * @param image the image after (for a failure: the image that was attempted)
 * @param tag the tag of {@code image}, or {@code null}
 * @param reason why, for a failure or a skip; {@code null} for an update
 * @param rolledBack for a failure of a target that rolls back: whether the previous image
 * was set back; {@code null} otherwise
 * @param receivedAt when the ingest accepted the event
 * @param startedAt when the worker started handling it
 * @param finishedAt when the worker finished
 * @param digest the manifest digest the registry answered for {@code tag} before the
 * patch, or {@code null} when the registry was not asked or did not answer
 * @param client the name of the ingest client that asked for the event (never its token),
 * or {@code null} if the event named none
 */
public record DeploymentOutcome(String eventId, Result result, TargetRef target, String repository,
		String previousImage, String image, String tag, String reason, Boolean rolledBack, Instant receivedAt,
		Instant startedAt, Instant finishedAt, String digest, String client) {

	public DeploymentOutcome {
		EventIds.require(eventId);
		Objects.requireNonNull(result, "result");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(repository, "repository");
		Objects.requireNonNull(finishedAt, "finishedAt");
		if (result != Result.UPDATED && (reason == null || reason.isBlank())) {
			throw new InvalidInputException("a " + result + " outcome needs a reason");
		}
		if (digest != null) {
			Digests.require(digest);
		}
	}

	/**
	 * An outcome without a registry digest.
	 * @param eventId the event that caused it
	 * @param result updated, failed or skipped
	 * @param target the container
	 * @param repository the repository the target follows
	 * @param previousImage the image before
	 * @param image the image after
	 * @param tag the tag of {@code image}
	 * @param reason why, for a failure or a skip
	 * @param rolledBack whether the previous image was set back
	 * @param receivedAt when the ingest accepted the event
	 * @param startedAt when the worker started handling it
	 * @param finishedAt when the worker finished
	 */
	public DeploymentOutcome(String eventId, Result result, TargetRef target, String repository, String previousImage,
			String image, String tag, String reason, Boolean rolledBack, Instant receivedAt, Instant startedAt,
			Instant finishedAt) {
		this(eventId, result, target, repository, previousImage, image, tag, reason, rolledBack, receivedAt, startedAt,
				finishedAt, null, null);
	}

	/**
	 * An outcome with a digest, of an event that named no client.
	 * @param eventId the event that caused it
	 * @param result updated, failed or skipped
	 * @param target the container
	 * @param repository the repository the target follows
	 * @param previousImage the image before
	 * @param image the image after
	 * @param tag the tag of {@code image}
	 * @param reason why, for a failure or a skip
	 * @param rolledBack whether the previous image was set back
	 * @param receivedAt when the ingest accepted the event
	 * @param startedAt when the worker started handling it
	 * @param finishedAt when the worker finished
	 * @param digest the digest the registry answered, or {@code null}
	 */
	public DeploymentOutcome(String eventId, Result result, TargetRef target, String repository, String previousImage,
			String image, String tag, String reason, Boolean rolledBack, Instant receivedAt, Instant startedAt,
			Instant finishedAt, String digest) {
		this(eventId, result, target, repository, previousImage, image, tag, reason, rolledBack, receivedAt, startedAt,
				finishedAt, digest, null);
	}

	/**
	 * The webhook {@code type} for this outcome, or {@code null} for a skip, which is not
	 * delivered.
	 * @return {@code deployment.updated}, {@code deployment.failed} or {@code null}
	 */
	public String webhookType() {
		return switch (this.result) {
			case UPDATED -> "deployment.updated";
			case FAILED -> "deployment.failed";
			case SKIPPED -> null;
		};
	}

	/**
	 * What happened.
	 */
	public enum Result {

		/** The image was changed and the rollout succeeded. */
		UPDATED,

		/** The update or its rollout failed; {@code reason} says why. */
		FAILED,

		/**
		 * Nothing to do (no newer tag, outside the policy, ...); {@code reason} says why.
		 */
		SKIPPED

	}

}
