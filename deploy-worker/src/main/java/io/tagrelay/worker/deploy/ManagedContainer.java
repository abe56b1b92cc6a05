package io.tagrelay.worker.deploy;

import io.tagrelay.model.image.ImageReference;

/**
 * A container of a Deployment that a target manages.
 *
 * @param index its index in {@code spec.template.spec.containers}
 * @param name its name
 * @param image its image as written in the spec
 * @param rolledBackFrom the image whose failed rollout tagrelay rolled back in this
 * container, or {@code null}
 */
public record ManagedContainer(int index, String name, String image, String rolledBackFrom) {

	ImageReference reference() {
		return ImageReference.parse(this.image);
	}

	/**
	 * The same container running another image.
	 * @param other the image
	 * @return the container
	 */
	ManagedContainer running(String other) {
		return new ManagedContainer(this.index, this.name, other, this.rolledBackFrom);
	}

	/**
	 * The tag a push may not apply again: the one whose rollout failed and was rolled
	 * back.
	 * @return the tag, or {@code null}
	 */
	String refusedTag() {
		try {
			return (this.rolledBackFrom != null) ? ImageReference.parse(this.rolledBackFrom).tag() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
