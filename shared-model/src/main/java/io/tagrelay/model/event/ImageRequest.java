package io.tagrelay.model.event;

import java.time.Instant;
import java.util.Objects;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.image.ImageReference;

/**
 * A caller asked, through the kube-update-api endpoint, to set one container to one
 * image. The ingest has already checked that the image is from the target's repository.
 *
 * @param eventId the event id
 * @param target the container to update
 * @param image the full image reference to set
 * @param receivedAt when the ingest accepted it
 * @param client the name of the ingest client that asked ({@code default} for the global
 * tokens), never its token
 */
public record ImageRequest(String eventId, TargetRef target, String image, Instant receivedAt,
		String client) implements DeployEvent {

	/** The {@code type} of this event in its JSON form. */
	public static final String TYPE = "image-request";

	public ImageRequest {
		EventIds.require(eventId);
		Objects.requireNonNull(target, "target");
		ImageReference reference = ImageReference.parse(image);
		if (reference.tag() == null && reference.digest() == null) {
			throw new InvalidInputException("image '" + image + "' names neither a tag nor a digest");
		}
		Objects.requireNonNull(receivedAt, "receivedAt");
		client = DeployEvent.client(client);
	}

	/**
	 * A request of an unnamed client.
	 * @param eventId the event id
	 * @param target the container to update
	 * @param image the full image reference to set
	 * @param receivedAt when the ingest accepted it
	 */
	public ImageRequest(String eventId, TargetRef target, String image, Instant receivedAt) {
		this(eventId, target, image, receivedAt, null);
	}

	@Override
	public String repository() {
		return ImageReference.parse(this.image).repository();
	}

}
