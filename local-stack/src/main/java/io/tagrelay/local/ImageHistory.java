package io.tagrelay.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every image the sandbox API server stored for each Deployment, in the order it stored
 * them: the mock server's CRUD dispatcher, which reports each change it makes (create,
 * update, patch, status) while it holds its write lock, so the order is the server's.
 * Only changes of the first container's image are kept.
 */
public final class ImageHistory extends KubernetesCrudDispatcher {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, List<String>> images = new ConcurrentHashMap<>();

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

	@Override
	public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
			GenericKubernetesResource resource, String newState) {
		super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
		if (newState != null && path.contains("/deployments")) {
			record(JSON.readTree(newState));
		}
	}

	private void record(JsonNode deployment) {
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
