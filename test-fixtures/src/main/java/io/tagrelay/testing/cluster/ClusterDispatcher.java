package io.tagrelay.testing.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.tagrelay.testing.cluster.Faults.Fault;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * fabric8's CRUD dispatcher with what the simulated cluster adds in front of and behind
 * it: the injected faults, a 422 for a JSON Patch whose {@code test} op fails (as the
 * real API server answers; the mock leaves the request unanswered), the history of every
 * image stored, and the listeners of applied image patches.
 */
final class ClusterDispatcher extends KubernetesCrudDispatcher {

	private static final Pattern DEPLOYMENT = Pattern
		.compile("/apis/apps/v1/namespaces/([^/]+)/deployments/([^/?]+)(\\?.*)?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Faults faults = new Faults();

	private final ImageHistory history = new ImageHistory();

	private final List<ImagePatchListener> patchListeners = new CopyOnWriteArrayList<>();

	Faults faults() {
		return this.faults;
	}

	ImageHistory history() {
		return this.history;
	}

	void addPatchListener(ImagePatchListener listener) {
		this.patchListeners.add(listener);
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		Fault fault = this.faults.next(request.getMethod(), pathOf(request));
		if (fault == null) {
			return super.dispatch(request);
		}
		if (fault.delay() != null) {
			return super.dispatch(request).setBodyDelay(fault.delay());
		}
		return fault.response();
	}

	@Override
	public MockResponse handlePatch(RecordedRequest request) {
		// read before the CRUD dispatcher consumes the body
		String patch = this.patchListeners.isEmpty() ? null
				: new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
		MockResponse response;
		try {
			response = super.handlePatch(request);
		}
		catch (JsonPatchException ex) {
			return status(422, "Invalid",
					"the server rejected our request due to an error in our request: test failed");
		}
		long applied = System.nanoTime();
		Matcher deployment = DEPLOYMENT.matcher(request.getPath());
		if (patch != null && response.code() / 100 == 2 && deployment.matches()) {
			String image = replacedImage(patch);
			if (image != null) {
				this.patchListeners
					.forEach((listener) -> listener.patched(deployment.group(1), deployment.group(2), image, applied));
			}
		}
		return response;
	}

	@Override
	public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
			GenericKubernetesResource resource, String newState) {
		super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
		if (newState != null && path.contains("/deployments")) {
			this.history.stored(JSON.readTree(newState));
		}
	}

	private static String replacedImage(String patch) {
		JsonNode ops = JSON.readTree(patch);
		if (!ops.isArray()) {
			return null;
		}
		for (JsonNode op : ops) {
			if ("replace".equals(op.path("op").asString()) && op.path("path").asString().endsWith("/image")) {
				return op.path("value").asString();
			}
		}
		return null;
	}

	private static String pathOf(RecordedRequest request) {
		String path = request.getPath();
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
	}

	static MockResponse status(int code, String reason, String message) {
		String reasonField = (reason != null) ? "\"reason\":\"" + reason + "\"," : "";
		return new MockResponse().setResponseCode(code)
			.setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\"," + reasonField + "\"code\":"
					+ code + ",\"message\":\"" + message + "\"}");
	}

}
