package io.tagrelay.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds small OCI images with umoci, each unlike the ones before (one file of its own in
 * an otherwise empty image), so that pushing a new one under a tag the registry has
 * changes the tag's digest. They share one layout in a directory of the caller's.
 */
public final class OciImages {

	/** Where the file that tells images apart is, inside each image. */
	public static final String CONTENT_FILE = "/tagrelay/content";

	private final Path layout;

	private final Path scratch;

	private final AtomicInteger built = new AtomicInteger();

	/**
	 * A new, empty image layout.
	 * @param directory where the layout is made (e.g. a JUnit {@code @TempDir})
	 * @throws IllegalStateException if umoci is missing or fails
	 */
	public OciImages(Path directory) {
		this.layout = directory.resolve("layout");
		this.scratch = directory.resolve("content");
		try {
			Files.createDirectories(this.scratch);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Commands.run(RegistryTool.UMOCI, "init", "--layout", this.layout.toString());
	}

	/**
	 * Builds the next image (one at a time: umoci rewrites the layout's index).
	 * @return it, with content no other image has
	 * @throws IllegalStateException if umoci fails
	 */
	public synchronized OciImage build() {
		int number = this.built.incrementAndGet();
		String name = "image-" + number;
		String content = "tagrelay test image " + number + " " + UUID.randomUUID() + "\n";
		String image = this.layout + ":" + name;
		try {
			Path file = Files.writeString(this.scratch.resolve(name), content);
			Commands.run(RegistryTool.UMOCI, "new", "--image", image);
			Commands.run(RegistryTool.UMOCI, "insert", "--rootless", "--image", image, file.toString(), CONTENT_FILE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new OciImage(this.layout, name, content);
	}

	/**
	 * The layout the images are in.
	 * @return its directory
	 */
	public Path layout() {
		return this.layout;
	}

}
