package io.tagrelay.worker.patch;

import java.util.List;
import java.util.Map;

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
 * ({@link ImageConflictException}) instead of being overwritten.
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
	 * Replaces a container's image if it is still the expected one.
	 * @param namespace the namespace
	 * @param deployment the Deployment
	 * @param index the container's index in {@code spec.template.spec.containers}
	 * @param expected the image that was read
	 * @param image the new image
	 * @throws ImageConflictException if the image was changed in between
	 */
	public void replaceImage(String namespace, String deployment, int index, String expected, String image) {
		String patch = jsonPatch(index, expected, image);
		try {
			this.calls.call(() -> this.client.apps()
				.deployments()
				.inNamespace(namespace)
				.withName(deployment)
				.patch(PatchContext.of(PatchType.JSON), patch));
			logger.info("Patched " + namespace + "/" + deployment + " container #" + index + ": " + expected + " -> "
					+ image);
		}
		catch (KubernetesClientException ex) {
			if (isFailedTest(ex)) {
				throw new ImageConflictException("the image of " + namespace + "/" + deployment + " container #" + index
						+ " is no longer " + expected, ex);
			}
			throw ex;
		}
	}

	static String jsonPatch(int index, String expected, String image) {
		String path = "/spec/template/spec/containers/" + index + "/image";
		return JSON.writeValueAsString(List.of(Map.of("op", "test", "path", path, "value", expected),
				Map.of("op", "replace", "path", path, "value", image)));
	}

	// the API server answers a failed test op with 422 (409 on some versions); the
	// fabric8 mock server with 500 and the patch library's message
	private static boolean isFailedTest(KubernetesClientException ex) {
		int code = ex.getCode();
		return code == 409 || code == 422 || String.valueOf(ex.getMessage()).contains("test failed");
	}

}
