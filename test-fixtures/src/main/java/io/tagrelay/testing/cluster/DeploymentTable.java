package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deployments as the API server prints them for {@code kubectl get} (a
 * {@code meta.k8s.io/v1} Table, asked for with {@code Accept: ...;as=Table;...}): NAME,
 * READY, UP-TO-DATE, AVAILABLE, AGE, and for {@code -o wide} CONTAINERS, IMAGES,
 * SELECTOR. Without it kubectl prints only NAME and AGE of an object it gets as plain
 * JSON, and the columns an operator reads would not be there to compare.
 */
final class DeploymentTable {

	private static final Pattern DEPLOYMENTS = Pattern
		.compile("/apis/apps/v1(/namespaces/[^/]+)?/deployments(/[^/]+)?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DeploymentTable() {
	}

	/**
	 * Whether a GET asks for Deployments as a Table.
	 * @param path the path, without its query
	 * @param accept the request's {@code Accept} header, or {@code null}
	 * @return whether to answer with {@link #of}
	 */
	static boolean wanted(String path, String accept) {
		return accept != null && accept.contains("as=Table") && DEPLOYMENTS.matcher(path).matches();
	}

	/**
	 * The table of what the store answered.
	 * @param answer the store's answer to the GET, a Deployment or a list of them
	 * @param now the time to count ages to
	 * @return the table, or the answer itself if it is not a success
	 */
	static MockResponse of(MockResponse answer, Instant now) {
		if (answer.code() != 200 || answer.getBody() == null) {
			return answer;
		}
		JsonNode body = JSON.readTree(answer.getBody().getBytes());
		List<JsonNode> deployments = new ArrayList<>();
		if (body.has("items")) {
			body.get("items").forEach(deployments::add);
		}
		else {
			deployments.add(body);
		}
		ObjectNode table = JSON.createObjectNode();
		table.put("kind", "Table");
		table.put("apiVersion", "meta.k8s.io/v1");
		table.putObject("metadata").put("resourceVersion", body.path("metadata").path("resourceVersion").asString(""));
		ArrayNode columns = table.putArray("columnDefinitions");
		column(columns, "Name", "string", "name", 0, "Name must be unique within a namespace.");
		column(columns, "Ready", "string", "", 0, "Number of the pod with ready state");
		column(columns, "Up-to-date", "integer", "", 0,
				"Total number of non-terminated pods targeted by this deployment that have the desired template spec.");
		column(columns, "Available", "integer", "", 0,
				"Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.");
		column(columns, "Age", "string", "", 0,
				"CreationTimestamp is a timestamp representing the server time when" + " this object was created.");
		column(columns, "Containers", "string", "", 1, "Names of each container in the template.");
		column(columns, "Images", "string", "", 1, "Images referenced by each container in the template.");
		column(columns, "Selector", "string", "", 1, "Label selector for pods.");
		ArrayNode rows = table.putArray("rows");
		for (JsonNode deployment : deployments) {
			row(rows.addObject(), deployment, now);
		}
		return new MockResponse().setResponseCode(200)
			.setHeader("Content-Type", "application/json")
			.setBody(table.toString());
	}

	private static void column(ArrayNode columns, String name, String type, String format, int priority,
			String description) {
		columns.addObject()
			.put("name", name)
			.put("type", type)
			.put("format", format)
			.put("description", description)
			.put("priority", priority);
	}

	private static void row(ObjectNode row, JsonNode deployment, Instant now) {
		JsonNode metadata = deployment.path("metadata");
		JsonNode spec = deployment.path("spec");
		JsonNode status = deployment.path("status");
		List<String> containers = new ArrayList<>();
		List<String> images = new ArrayList<>();
		spec.path("template").path("spec").path("containers").forEach((container) -> {
			containers.add(container.path("name").asString(""));
			images.add(container.path("image").asString(""));
		});
		ArrayNode cells = row.putArray("cells");
		cells.add(metadata.path("name").asString(""));
		cells.add(status.path("readyReplicas").asLong(0) + "/" + spec.path("replicas").asLong(1));
		cells.add(status.path("updatedReplicas").asLong(0));
		cells.add(status.path("availableReplicas").asLong(0));
		cells.add(age(metadata.path("creationTimestamp").asString(""), now));
		cells.add(String.join(",", containers));
		cells.add(String.join(",", images));
		cells.add(selector(spec.path("selector")));
		ObjectNode object = row.putObject("object");
		object.put("kind", "PartialObjectMetadata");
		object.put("apiVersion", "meta.k8s.io/v1");
		object.set("metadata", metadata);
	}

	private static String selector(JsonNode selector) {
		Map<String, String> labels = new TreeMap<>();
		selector.path("matchLabels")
			.properties()
			.forEach((label) -> labels.put(label.getKey(), label.getValue().asString("")));
		List<String> requirements = new ArrayList<>();
		labels.forEach((key, value) -> requirements.add(key + "=" + value));
		selector.path("matchExpressions").forEach((expression) -> {
			List<String> values = new ArrayList<>();
			expression.path("values").forEach((value) -> values.add(value.asString("")));
			String key = expression.path("key").asString("");
			switch (expression.path("operator").asString("")) {
				case "In" -> requirements.add(key + " in (" + String.join(",", values) + ")");
				case "NotIn" -> requirements.add(key + " notin (" + String.join(",", values) + ")");
				case "Exists" -> requirements.add(key);
				case "DoesNotExist" -> requirements.add("!" + key);
				default -> {
				}
			}
		});
		return requirements.isEmpty() ? "<none>" : String.join(",", requirements);
	}

	private static String age(String creationTimestamp, Instant now) {
		try {
			return humanDuration(Duration.between(Instant.parse(creationTimestamp), now));
		}
		catch (DateTimeParseException ex) {
			return "<unknown>";
		}
	}

	/**
	 * A duration as kubectl's AGE column shows it: two units at most, coarser as it grows
	 * (e.g. {@code 45s}, {@code 3m20s}, {@code 5h}, {@code 3d4h}).
	 * @param duration the duration
	 * @return it for people
	 */
	static String humanDuration(Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds < -1) {
			return "<invalid>";
		}
		if (seconds < 0) {
			return "0s";
		}
		if (seconds < 60 * 2) {
			return seconds + "s";
		}
		long minutes = seconds / 60;
		if (minutes < 10) {
			long s = seconds % 60;
			return (s == 0) ? minutes + "m" : minutes + "m" + s + "s";
		}
		if (minutes < 60 * 3) {
			return minutes + "m";
		}
		long hours = minutes / 60;
		if (hours < 8) {
			long m = minutes % 60;
			return (m == 0) ? hours + "h" : hours + "h" + m + "m";
		}
		if (hours < 48) {
			return hours + "h";
		}
		if (hours < 24 * 8) {
			long h = hours % 24;
			return (h == 0) ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
		}
		if (hours < 24 * 365 * 2) {
			return (hours / 24) + "d";
		}
		if (hours < 24 * 365 * 8) {
			long d = (hours / 24) % 365;
			return (d == 0) ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + d + "d";
		}
		return (hours / 24 / 365) + "y";
	}

}
