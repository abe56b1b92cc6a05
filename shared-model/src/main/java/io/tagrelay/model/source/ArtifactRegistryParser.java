package io.tagrelay.model.source;

import java.util.Base64;
import java.util.List;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Printable;
import io.tagrelay.model.image.ImageReference;

/**
 * Reads Google Artifact Registry's notification as a Pub/Sub push subscription delivers
 * it: an envelope whose {@code message.data} is the base64 of {@code {"action": "INSERT",
 * "digest": "<host>/<path>@sha256:...", "tag": "<host>/<path>:<tag>"}}. An insert without
 * a tag (a push by digest) and a {@code DELETE} announce nothing. Whether Pub/Sub sent it
 * (its OIDC token) is the ingest's to check.
 */
final class ArtifactRegistryParser implements SourceParser {

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		Field message = Field.root(body).get("message");
		Field notification = Field.of(StrictJson.readObject(decode(message.get("data")), "message.data"),
				"message.data");
		String action = notification.get("action").requiredText();
		if (!action.equals("INSERT")) {
			return new Announcement.Nothing("Artifact Registry's action '" + Printable.of(action) + "' is not a push");
		}
		String tag = notification.get("tag").text();
		if (tag == null || tag.isEmpty()) {
			return new Announcement.Nothing("Artifact Registry announced a push by digest, without a tag");
		}
		ImageReference tagged = ImageReference.parse(Hosts.requireHostIn(tag, "message.data.tag"));
		if (tagged.tag() == null || tagged.digest() != null) {
			throw new InvalidInputException("message.data.tag does not name a tag");
		}
		return new Announcement.Pushes(List
			.of(new Pushed(tagged.repository(), List.of(tagged.tag()), digest(notification.get("digest"), tagged))));
	}

	private static byte[] decode(Field data) {
		String text = data.requiredText();
		try {
			return Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("message.data is not base64");
		}
	}

	private static String digest(Field field, ImageReference tagged) {
		String text = field.text();
		if (text == null || text.isEmpty()) {
			return null;
		}
		ImageReference digested = ImageReference.parse(text);
		if (digested.digest() == null || !digested.isFrom(tagged)) {
			throw new InvalidInputException("message.data.digest does not name a digest of the tagged repository");
		}
		return digested.digest();
	}

}
