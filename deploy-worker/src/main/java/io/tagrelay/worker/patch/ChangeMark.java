package io.tagrelay.worker.patch;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Which event made the last image change of a Deployment, written by the same JSON Patch
 * as the image as the annotations {@code tagrelay.io/event-id},
 * {@code tagrelay.io/container} and {@code tagrelay.io/previous-image}. An event that is
 * delivered again after the worker died between the patch and its outcome finds its own
 * mark, and goes on with the rollout wait instead of skipping a container that already
 * runs the new image.
 *
 * @param eventId the event that made the change
 * @param container the container whose image it changed
 * @param previousImage the image the container ran before
 */
public record ChangeMark(String eventId, String container, String previousImage) {

	static final String EVENT_ID = "tagrelay.io/event-id";

	static final String CONTAINER = "tagrelay.io/container";

	static final String PREVIOUS_IMAGE = "tagrelay.io/previous-image";

	public ChangeMark {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(container, "container");
		Objects.requireNonNull(previousImage, "previousImage");
	}

	/**
	 * The mark a Deployment carries, if it carries a complete one.
	 * @param deployment the Deployment as read
	 * @return its mark
	 */
	public static Optional<ChangeMark> of(Deployment deployment) {
		Map<String, String> annotations = deployment.getMetadata().getAnnotations();
		if (annotations == null || annotations.get(EVENT_ID) == null || annotations.get(CONTAINER) == null
				|| annotations.get(PREVIOUS_IMAGE) == null) {
			return Optional.empty();
		}
		return Optional
			.of(new ChangeMark(annotations.get(EVENT_ID), annotations.get(CONTAINER), annotations.get(PREVIOUS_IMAGE)));
	}

	/**
	 * Whether this mark was left by the given event on the given container.
	 * @param eventId the event
	 * @param container the container
	 * @return true if both match
	 */
	public boolean madeBy(String eventId, String container) {
		return this.eventId.equals(eventId) && this.container.equals(container);
	}

	Map<String, String> annotations() {
		return Map.of(EVENT_ID, this.eventId, CONTAINER, this.container, PREVIOUS_IMAGE, this.previousImage);
	}

}
