package io.tagrelay.testing.cluster;

/**
 * Told by the API server's own thread when it has applied a JSON Patch that replaces a
 * container image of a Deployment: the moment the server "sees the new image".
 */
@FunctionalInterface
public interface ImagePatchListener {

	/**
	 * A patch was applied.
	 * @param namespace the Deployment's namespace
	 * @param deployment the Deployment
	 * @param image the image the patch set
	 * @param nanos when it was applied ({@link System#nanoTime()})
	 */
	void patched(String namespace, String deployment, String image, long nanos);

}
