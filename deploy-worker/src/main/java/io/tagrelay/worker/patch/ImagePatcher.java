package io.tagrelay.worker.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tagrelay.worker.cluster.ClusterCalls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Sets a container's image with a JSON Patch whose {@code test} op checks the image that
 * was read, so a concurrent change makes the API server refuse the patch
 * ({@link ImageConflictException}) instead of being overwritten. A change made for an
 * event also writes the event's {@link ChangeMark} in the same patch, so that the image
 * and the record of who set it can never disagree.
 */
@Component
public class ImagePatcher {

	private static final Log logger = LogFactory.getLog(ImagePatcher.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KubernetesClient client;

	private final ClusterCalls calls;

	ImagePatcher(KubernetesClient client, ClusterCalls calls) {
		this.client = client;
		this.calls = calls;
	}

	/**
	 * Sets a container's image back after its rollout failed, if it still runs the image
	 * that failed, and records that image as {@link RolledBack} in the same patch. The
	 * Deployment carries annotations already: the change being rolled back wrote its
	 * {@link ChangeMark}.
	 * @param namespace the namespace
	 * @param deployment the Deployment
	 * @param index the container's index in {@code spec.template.spec.containers}
	 * @param container the container's name
	 * @param failed the image whose rollout failed
	 * @param previous the image to set back
	 * @return the Deployment as patched
	 * @throws ImageConflictException if the image was changed in between
	 */
	public Deployment rollBack(String namespace, String deployment, int index, String container, String failed,
			String previous) {
		List<Map<String, Object>> ops = ops(index, failed, previous);
		ops.add(Map.of("op", "add", "path", "/metadata/annotations/" + escape(RolledBack.key(container)), "value",
				failed));
		return apply(named(namespace, deployment), index, failed, previous, JSON.writeValueAsString(ops));
	}

	/**
	 * Replaces a container's image if it is still the one read, and marks the Deployment
	 * with the event that made the change.
	 * @param read the Deployment as read
	 * @param index the container's index in {@code spec.template.spec.containers}
	 * @param image the new image
	 * @param mark the event making the change and the image it replaces
	 * @return the Deployment as patched
	 * @throws ImageConflictException if the image was changed in between
	 */
	public Deployment replaceImage(Deployment read, int index, String image, ChangeMark mark) {
		// fabric8 reads a Deployment without annotations as an empty map: the API server
		// refuses an add under a member that is not there (422)
		Map<String, String> annotations = read.getMetadata().getAnnotations();
		String patch = jsonPatch(index, image, mark, annotations != null && !annotations.isEmpty());
		return apply(read, index, mark.previousImage(), image, patch);
	}

	// the patch names the object it is for: fabric8 reads one that it has only the name
	// of before it patches, a GET the test op makes useless
	private Deployment apply(Deployment target, int index, String expected, String image, String patch) {
		String namespace = target.getMetadata().getNamespace();
		String deployment = target.getMetadata().getName();
		try {
			Deployment patched = this.calls.call(() -> this.client.apps()
				.deployments()
				.inNamespace(namespace)
				.resource(target)
				.patch(PatchContext.of(PatchType.JSON), patch));
			logger.info("Patched " + namespace + "/" + deployment + " container #" + index + ": " + expected + " -> "
					+ image);
			return patched;
		}
		catch (KubernetesClientException ex) {
			if (isConflict(ex)) {
				String what = (ex.getCode() == 409) ? " was written concurrently (409)"
						: " container #" + index + " no longer runs " + expected;
				throw new ImageConflictException(namespace + "/" + deployment + what, ex);
			}
			throw ex;
		}
	}

	private static Deployment named(String namespace, String name) {
		return new DeploymentBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
	}

	static String jsonPatch(int index, String image, ChangeMark mark, boolean annotationsExist) {
		List<Map<String, Object>> ops = ops(index, mark.previousImage(), image);
		ops.addAll(markOps(annotationsExist, mark));
		return JSON.writeValueAsString(ops);
	}

	private static List<Map<String, Object>> ops(int index, String expected, String image) {
		String path = "/spec/template/spec/containers/" + index + "/image";
		return new ArrayList<>(List.of(Map.of("op", "test", "path", path, "value", expected),
				Map.of("op", "replace", "path", path, "value", image)));
	}

	// "add" sets a member whether it exists or not, but needs the annotations object
	private static List<Map<String, Object>> markOps(boolean annotationsExist, ChangeMark mark) {
		Map<String, String> annotations = new TreeMap<>(mark.annotations());
		if (!annotationsExist) {
			return List.of(Map.of("op", "add", "path", "/metadata/annotations", "value", annotations));
		}
		return annotations.entrySet()
			.stream()
			.map((a) -> Map.<String, Object>of("op", "add", "path", "/metadata/annotations/" + escape(a.getKey()),
					"value", a.getValue()))
			.toList();
	}

	// RFC 6901: "~" is "~0" and "/" is "~1" in a JSON Pointer's reference token
	static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}

	// a failed test op (422 from the API server, 500 from some versions and from the
	// mock server, always saying "test failed"), or 409: someone else wrote the
	// Deployment in between; both are settled by reading it again
	private static boolean isConflict(KubernetesClientException ex) {
		return ex.getCode() == 409 || ClusterCalls.isFailedTest(ex);
	}

}
