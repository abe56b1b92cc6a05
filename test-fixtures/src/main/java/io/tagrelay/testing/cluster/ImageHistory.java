package io.tagrelay.testing.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * Every image the API server stored for each Deployment, in the order it stored them (the
 * dispatcher reports each change while it holds its write lock, so the order is the
 * server's). Only changes of the first container's image are kept.
 */
public final class ImageHistory {

	private final Map<String, List<String>> images = new ConcurrentHashMap<>();

	ImageHistory() {
	}

	/**
	 * The images a Deployment has had, oldest first, each once per change.
	 * @param namespace the namespace
	 * @param deployment the Deployment
	 * @return the images, starting with the one it was created with
	 */
	public List<String> of(String namespace, String deployment) {
		List<String> seen = this.images.getOrDefault(namespace + "/" + deployment, List.of());
		synchronized (seen) {
			return List.copyOf(seen);
		}
	}

	void stored(JsonNode deployment) {
		if (!"Deployment".equals(deployment.path("kind").asString(null))) {
			return;
		}
		JsonNode metadata = deployment.path("metadata");
		String key = metadata.path("namespace").asString("default") + "/" + metadata.path("name").asString();
		String image = deployment.path("spec")
			.path("template")
			.path("spec")
			.path("containers")
			.path(0)
			.path("image")
			.asString(null);
		List<String> seen = this.images.computeIfAbsent(key, (k) -> new ArrayList<>());
		synchronized (seen) {
			if (image != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(image))) {
				seen.add(image);
			}
		}
	}

}
