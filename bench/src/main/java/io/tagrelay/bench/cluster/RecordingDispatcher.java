package io.tagrelay.bench.cluster;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * fabric8's CRUD dispatcher, which also tells the {@link PatchRecorder} when a JSON Patch
 * that replaces a container image has been applied to a Deployment: the moment the API
 * server "sees the new image".
 */
final class RecordingDispatcher extends KubernetesCrudDispatcher {

	private static final Pattern DEPLOYMENT = Pattern
		.compile("/apis/apps/v1/namespaces/([^/]+)/deployments/([^/?]+)(\\?.*)?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PatchRecorder recorder;

	RecordingDispatcher(PatchRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public MockResponse handlePatch(RecordedRequest request) {
		// read before the CRUD dispatcher consumes the body
		String patch = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
		MockResponse response = super.handlePatch(request);
		long applied = System.nanoTime();
		Matcher deployment = DEPLOYMENT.matcher(request.getPath());
		if (response.code() / 100 == 2 && deployment.matches()) {
			String image = replacedImage(patch);
			if (image != null) {
				this.recorder.patched(deployment.group(1), deployment.group(2), image, applied);
			}
		}
		return response;
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

}
