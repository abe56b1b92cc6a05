package io.tagrelay.testing.cluster;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * What the real API server checks of a JSON Patch (RFC 6902) before it applies any of it,
 * and fabric8's mock does not: an {@code add} needs its parent ({@code add
 * /metadata/annotations/x} fails with 422 when the Deployment has no annotations), and a
 * {@code replace}, {@code remove} or {@code test} needs its target.
 */
final class JsonPatchPaths {

	private JsonPatchPaths() {
	}

	/**
	 * The first path of a patch that the document lacks, in the API server's words.
	 * @param document the object as stored
	 * @param patch the JSON Patch
	 * @return e.g. {@code add operation does not apply: doc is missing path:
	 * "/metadata/annotations/x"}, or {@code null} if every op applies
	 */
	static String missing(JsonNode document, JsonNode patch) {
		if (!patch.isArray()) {
			return null;
		}
		JsonNode after = document.deepCopy();
		for (JsonNode op : patch) {
			String name = op.path("op").asString();
			String path = op.path("path").asString();
			JsonPointer pointer = JsonPointer.compile(path);
			boolean applies = switch (name) {
				case "add" -> path.isEmpty() || isContainer(after.at(pointer.head()));
				case "replace", "remove", "test" -> !after.at(pointer).isMissingNode();
				default -> true;
			};
			if (!applies) {
				return name + " operation does not apply: doc is missing path: \"" + path + "\"";
			}
		}
		return null;
	}

	private static boolean isContainer(JsonNode parent) {
		return parent.isObject() || parent.isArray();
	}

}
