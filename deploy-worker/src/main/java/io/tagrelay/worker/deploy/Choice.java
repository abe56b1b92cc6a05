package io.tagrelay.worker.deploy;

import io.tagrelay.model.image.ImageReference;

/**
 * The image a container should move to, or why it stays.
 *
 * @param image the new image, or {@code null}
 * @param reason why it stays, or {@code null}
 */
record Choice(ImageReference image, String reason) {

	static Choice apply(ImageReference image) {
		return new Choice(image, null);
	}

	static Choice skip(String reason) {
		return new Choice(null, reason);
	}

	boolean skipped() {
		return this.image == null;
	}

	/**
	 * Whether a container runs what this choice sets: the same image, or the same tag
	 * pinned to the digest the registry answered for it.
	 * @param running the container's image
	 * @return true if nothing would change
	 */
	boolean runs(ImageReference running) {
		if (this.image == null) {
			return false;
		}
		return this.image.equals(running) || (this.image.digest() == null && running.digest() != null
				&& this.image.equals(running.withTag(running.tag())));
	}

	/**
	 * Decides for a container as it is now: the image it runs, and the one it was rolled
	 * back from.
	 */
	@FunctionalInterface
	interface Decision {

		Choice decide(ManagedContainer container);

	}

}
