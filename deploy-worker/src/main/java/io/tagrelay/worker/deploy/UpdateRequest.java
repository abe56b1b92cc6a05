package io.tagrelay.worker.deploy;

import java.time.Instant;
import java.util.Optional;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.worker.registry.Verdict;

/**
 * One container to bring to the image a decision picks.
 *
 * @param event the event being handled
 * @param target the target managing the container
 * @param container the container's name
 * @param decision what to set, given what runs
 * @param startedAt when handling of the event started
 * @param checked the image already checked against the registry for this update, and what
 * the registry said, or {@code null}
 */
record UpdateRequest(DeployEvent event, Target target, String container, Choice.Decision decision, Instant startedAt,
		Checked checked) {

	UpdateRequest(DeployEvent event, Target target, String container, Choice.Decision decision, Instant startedAt) {
		this(event, target, container, decision, startedAt, null);
	}

	/**
	 * This update with the registry's verdict on an image it will choose.
	 * @param image the image
	 * @param verdict what the registry said
	 * @return the update
	 */
	UpdateRequest checked(ImageReference image, Verdict verdict) {
		return new UpdateRequest(this.event, this.target, this.container, this.decision, this.startedAt,
				new Checked(image, verdict));
	}

	/**
	 * The registry's verdict on an image, if it was asked already.
	 * @param image the image chosen
	 * @return the verdict, if {@code image} is the one checked
	 */
	Optional<Verdict> verdictOn(ImageReference image) {
		return Optional.ofNullable(this.checked).filter((c) -> c.image().equals(image)).map(Checked::verdict);
	}

	TargetRef ref() {
		return new TargetRef(this.target.namespace(), this.target.deployment(), this.container);
	}

	/**
	 * An image checked against the registry.
	 *
	 * @param image the image
	 * @param verdict what the registry said
	 */
	record Checked(ImageReference image, Verdict verdict) {
	}

}
