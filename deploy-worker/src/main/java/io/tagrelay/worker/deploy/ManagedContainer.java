package io.tagrelay.worker.deploy;

import io.tagrelay.model.image.ImageReference;

/**
 * A container of a Deployment that a target manages.
 *
 * @param index its index in {@code spec.template.spec.containers}
 * @param name its name
 * @param image its image as written in the spec
 */
record ManagedContainer(int index, String name, String image) {

	ImageReference reference() {
		return ImageReference.parse(this.image);
	}

}
