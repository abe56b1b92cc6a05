package io.tagrelay.worker.patch;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Which event made the last image change of one container of a Deployment, written by the
 * same JSON Patch as the image as the annotations
 * {@code <container>.tagrelay.io/event-id} and
 * {@code <container>.tagrelay.io/previous-image} (a container's name is a DNS label, so
 * it makes a valid annotation prefix, and each container of a Deployment keeps its own
 * mark). An event that is delivered again after the worker died between the patch and its
 * outcome finds its own mark, and goes on with the rollout wait instead of skipping a
 * container that already runs the new image.
 *
 * @param eventId the event that made the change
 * @param container the container whose image it changed
 * @param previousImage the image the container ran before
 */
public record ChangeMark(String eventId, String container, String previousImage) {

	static final String EVENT_ID = "tagrelay.io/event-id";

	static final String PREVIOUS_IMAGE = "tagrelay.io/previous-image";

	public ChangeMark {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(container, "container");
		Objects.requireNonNull(previousImage, "previousImage");
	}

	/**
	 * The mark a container of a Deployment carries, if it carries a complete one.
	 * @param deployment the Deployment as read
	 * @param container the container
	 * @return its mark
	 */
	public static Optional<ChangeMark> of(Deployment deployment, String container) {
		Map<String, String> annotations = deployment.getMetadata().getAnnotations();
		if (annotations == null) {
			return Optional.empty();
		}
		String eventId = annotations.get(key(container, EVENT_ID));
		String previous = annotations.get(key(container, PREVIOUS_IMAGE));
		return (eventId != null && previous != null) ? Optional.of(new ChangeMark(eventId, container, previous))
				: Optional.empty();
	}

	/**
	 * Whether this mark was left by the given event.
	 * @param eventId the event
	 * @return true if it was
	 */
	public boolean madeBy(String eventId) {
		return this.eventId.equals(eventId);
	}

	Map<String, String> annotations() {
		return Map.of(key(this.container, EVENT_ID), this.eventId, key(this.container, PREVIOUS_IMAGE),
				this.previousImage);
	}

	/**
	 * The annotation of a container: its name as a subdomain of the key's prefix.
	 * @param container the container
	 * @param key e.g. {@code tagrelay.io/event-id}
	 * @return e.g. {@code web.tagrelay.io/event-id}
	 */
	static String key(String container, String key) {
		return container + "." + key;
	}

}
