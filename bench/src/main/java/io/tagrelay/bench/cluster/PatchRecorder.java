package io.tagrelay.bench.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.tagrelay.testing.cluster.ImagePatchListener;

/**
 * What the mock API server saw: the moment ({@link System#nanoTime()}) each new image was
 * stored by a PATCH of a Deployment. A figure registers the image it expects before it
 * pushes, and is completed by the API server's own thread when the patch is applied.
 */
public final class PatchRecorder implements ImagePatchListener {

	private final Map<String, CompletableFuture<Long>> expected = new ConcurrentHashMap<>();

	private final AtomicInteger patches = new AtomicInteger();

	private final AtomicLong firstPatch = new AtomicLong();

	private final AtomicLong lastPatch = new AtomicLong();

	/**
	 * Expects an image to be patched into a Deployment.
	 * @param namespace the namespace
	 * @param deployment the Deployment
	 * @param image the image
	 * @return completed with the nano time the API server stored it
	 */
	public CompletableFuture<Long> expect(String namespace, String deployment, String image) {
		return this.expected.computeIfAbsent(key(namespace, deployment, image), (k) -> new CompletableFuture<>());
	}

	@Override
	public void patched(String namespace, String deployment, String image, long nanos) {
		this.patches.incrementAndGet();
		this.firstPatch.compareAndSet(0, nanos);
		this.lastPatch.set(nanos);
		expect(namespace, deployment, image).complete(nanos);
	}

	/**
	 * Forgets the images expected and seen, for a new launch that pushes the same images
	 * again.
	 */
	public void forgetImages() {
		this.expected.clear();
		resetCounts();
	}

	/**
	 * Forgets the counts, to measure a new phase.
	 */
	public void resetCounts() {
		this.patches.set(0);
		this.firstPatch.set(0);
		this.lastPatch.set(0);
	}

	/**
	 * Patches applied since the last reset.
	 * @return the count
	 */
	public int patches() {
		return this.patches.get();
	}

	/**
	 * Nanos between the first and the last patch since the last reset.
	 * @return the span
	 */
	public long spanNanos() {
		return this.lastPatch.get() - this.firstPatch.get();
	}

	private static String key(String namespace, String deployment, String image) {
		return namespace + "/" + deployment + "=" + image;
	}

}
