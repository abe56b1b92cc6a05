package io.tagrelay.worker.patch;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The images of a Deployment's containers that failed to roll out and were rolled back,
 * kept on the Deployment as the annotation {@code tagrelay.io/rolled-back} (a JSON
 * object, container name to image) and written by the rollback's own patch. A later push
 * of the same tag is not applied again: the failure stays "pinned" until a newer tag is
 * pushed or someone asks for the image by name ({@code POST /deployment}).
 *
 * @param images the failed image of each container
 */
public record RolledBack(Map<String, String> images) {

	static final String ANNOTATION = "tagrelay.io/rolled-back";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public RolledBack {
		images = Map.copyOf(images);
	}

	/**
	 * What a Deployment's annotation says; nothing if it is missing or is not a JSON
	 * object of strings (edited by hand).
	 * @param deployment the Deployment as read
	 * @return the rolled back images
	 */
	public static RolledBack of(Deployment deployment) {
		Map<String, String> annotations = deployment.getMetadata().getAnnotations();
		String value = (annotations != null) ? annotations.get(ANNOTATION) : null;
		if (value == null) {
			return new RolledBack(Map.of());
		}
		Map<String, String> images = new TreeMap<>();
		try {
			JSON.readTree(value)
				.properties()
				.stream()
				.filter((entry) -> entry.getValue().isString())
				.forEach((entry) -> images.put(entry.getKey(), entry.getValue().asString()));
		}
		catch (JacksonException ex) {
			// not JSON: edited by hand, read as nothing
		}
		return new RolledBack(images);
	}

	/**
	 * The image a container was rolled back from.
	 * @param container the container
	 * @return the image whose rollout failed, if any
	 */
	public Optional<String> of(String container) {
		return Optional.ofNullable(this.images.get(container));
	}

	/**
	 * These images and one more.
	 * @param container the container rolled back
	 * @param image the image whose rollout failed
	 * @return the new record
	 */
	public RolledBack with(String container, String image) {
		Map<String, String> all = new TreeMap<>(this.images);
		all.put(container, image);
		return new RolledBack(all);
	}

	String json() {
		return JSON.writeValueAsString(new TreeMap<>(this.images));
	}

}
