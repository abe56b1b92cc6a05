package io.tagrelay.testing.registry;

import java.util.Objects;

/**
 * An image that skopeo pushed, and what the registry reports for it.
 *
 * @param reference what it was pushed as, e.g. {@code 127.0.0.1:41234/acme/web:1.1.0}
 * @param digest the manifest digest the registry answers for the tag, e.g.
 * {@code sha256:9292…}
 * @param image the image
 */
public record PushedImage(String reference, String digest, OciImage image) {

	public PushedImage {
		Objects.requireNonNull(reference, "reference");
		Objects.requireNonNull(digest, "digest");
		Objects.requireNonNull(image, "image");
	}

	/**
	 * The reference pinned to the digest.
	 * @return e.g. {@code 127.0.0.1:41234/acme/web:1.1.0@sha256:9292…}
	 */
	public String pinned() {
		return this.reference + "@" + this.digest;
	}

}
