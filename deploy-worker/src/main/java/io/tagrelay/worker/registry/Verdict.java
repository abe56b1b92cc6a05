package io.tagrelay.worker.registry;

import io.tagrelay.model.image.ImageReference;

/**
 * What the registry said about an image chosen for a container, before the patch.
 *
 * @param applies whether the image may be applied
 * @param digest the manifest digest the registry answered, or {@code null} if it was not
 * asked or did not answer
 * @param reason why the image is refused, or why it is applied unverified; {@code null}
 * when verified or not checked
 */
public record Verdict(boolean applies, String digest, String reason) {

	static Verdict found(String digest) {
		return new Verdict(true, digest, null);
	}

	static Verdict unchecked() {
		return new Verdict(true, null, null);
	}

	static Verdict unverified(String reason) {
		return new Verdict(true, null, reason);
	}

	/**
	 * A refusal: of an image the registry does not have or could not confirm, or of a
	 * tracked tag whose digest it did not answer.
	 * @param reason why nothing is deployed
	 * @return the verdict
	 */
	public static Verdict refused(String reason) {
		return new Verdict(false, null, reason);
	}

	/**
	 * The image to write into the Deployment.
	 * @param chosen the image chosen
	 * @param pinDigest whether the target pins digests
	 * @return {@code chosen} with the registry's digest when pinning and one was
	 * answered, else {@code chosen}
	 */
	public ImageReference image(ImageReference chosen, boolean pinDigest) {
		if (!pinDigest || this.digest == null || chosen.digest() != null) {
			return chosen;
		}
		return new ImageReference(chosen.registry(), chosen.path(), chosen.tag(), this.digest);
	}

}
