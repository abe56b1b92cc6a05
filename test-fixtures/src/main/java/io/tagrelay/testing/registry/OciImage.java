package io.tagrelay.testing.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image in an OCI image layout on disk, as {@link OciImages} built it; skopeo names
 * it {@code oci:<layout>:<name>}.
 *
 * @param layout the layout's directory
 * @param name the image's name in the layout ({@code org.opencontainers.image.ref.name})
 * @param content the text of the file that makes it unlike every other image built
 */
public record OciImage(Path layout, String name, String content) {

	public OciImage {
		Objects.requireNonNull(layout, "layout");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(content, "content");
	}

	/**
	 * The image as skopeo's source.
	 * @return e.g. {@code oci:/tmp/oci-123/layout:image-1}
	 */
	public String skopeoReference() {
		return "oci:" + this.layout + ":" + this.name;
	}

}
