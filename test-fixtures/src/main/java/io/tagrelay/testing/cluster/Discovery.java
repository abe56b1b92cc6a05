package io.tagrelay.testing.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents of the simulated API server, in the legacy format that every
 * kubectl reads (a newer one asks for aggregated discovery first and falls back to it on
 * a plain {@code application/json} answer): {@code /version}, {@code /api},
 * {@code /apis}, {@code /apis/apps} and the resource lists of {@code v1} and
 * {@code apps/v1}. The CRUD mock would answer these paths with a list of every object it
 * stores, which kubectl cannot read. Only the resources a rollout needs and their usual
 * neighbours are listed; the mock stores any resource kubectl may send regardless.
 */
final class Discovery {

	/** The version the server claims: within kubectl's skew of the clients we test. */
	static final String GIT_VERSION = "v1.32.0-simulated";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> READ_WRITE = List.of("create", "delete", "deletecollection", "get", "list",
			"patch", "update", "watch");

	private static final List<String> SUBRESOURCE = List.of("get", "patch", "update");

	private static final Map<String, String> KINDS = new ConcurrentHashMap<>();

	private static final Map<String, String> DOCUMENTS = Map.of("/version", version(), "/api", apiVersions(), "/apis",
			apiGroupList(), "/apis/apps", appsGroup().toString(), "/api/v1", coreV1(), "/apis/apps/v1", appsV1());

	private Discovery() {
	}

	/**
	 * The discovery document at a path.
	 * @param path the request's path, without its query
	 * @return the answer, or {@code null} if the path is not one of discovery
	 */
	static MockResponse answer(String path) {
		String document = DOCUMENTS
			.get(path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path);
		if (document == null) {
			return null;
		}
		return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(document);
	}

	/**
	 * The kind of a resource that discovery lists.
	 * @param groupVersion e.g. {@code apps/v1}, {@code v1}
	 * @param resource its plural name, e.g. {@code deployments}
	 * @return the kind, or {@code null} if discovery does not list it
	 */
	static String kind(String groupVersion, String resource) {
		return KINDS.get(groupVersion + "/" + resource);
	}

	private static String version() {
		ObjectNode version = JSON.createObjectNode();
		version.put("major", "1");
		version.put("minor", "32");
		version.put("gitVersion", GIT_VERSION);
		version.put("gitCommit", "0000000000000000000000000000000000000000");
		version.put("gitTreeState", "clean");
		version.put("buildDate", "2024-12-11T00:00:00Z");
		version.put("goVersion", "go1.23.0");
		version.put("compiler", "gc");
		version.put("platform", "linux/amd64");
		return version.toString();
	}

	private static String apiVersions() {
		ObjectNode versions = JSON.createObjectNode();
		versions.put("kind", "APIVersions");
		versions.putArray("versions").add("v1");
		versions.putArray("serverAddressByClientCIDRs")
			.addObject()
			.put("clientCIDR", "0.0.0.0/0")
			.put("serverAddress", "127.0.0.1:0");
		return versions.toString();
	}

	private static String apiGroupList() {
		ObjectNode list = JSON.createObjectNode();
		list.put("kind", "APIGroupList");
		list.put("apiVersion", "v1");
		list.putArray("groups").add(appsGroup());
		return list.toString();
	}

	private static ObjectNode appsGroup() {
		ObjectNode group = JSON.createObjectNode();
		group.put("kind", "APIGroup");
		group.put("apiVersion", "v1");
		group.put("name", "apps");
		group.putArray("versions").addObject().put("groupVersion", "apps/v1").put("version", "v1");
		group.putObject("preferredVersion").put("groupVersion", "apps/v1").put("version", "v1");
		return group;
	}

	private static String coreV1() {
		ResourceList list = new ResourceList("v1");
		list.resource("namespaces", "namespace", false, "Namespace", READ_WRITE, "ns");
		list.resource("namespaces/status", "", false, "Namespace", SUBRESOURCE);
		list.resource("pods", "pod", true, "Pod", READ_WRITE, "po").putArray("categories").add("all");
		list.resource("pods/log", "", true, "Pod", List.of("get"));
		list.resource("pods/status", "", true, "Pod", SUBRESOURCE);
		list.resource("services", "service", true, "Service", READ_WRITE, "svc").putArray("categories").add("all");
		list.resource("services/status", "", true, "Service", SUBRESOURCE);
		list.resource("configmaps", "configmap", true, "ConfigMap", READ_WRITE, "cm");
		list.resource("secrets", "secret", true, "Secret", READ_WRITE);
		list.resource("serviceaccounts", "serviceaccount", true, "ServiceAccount", READ_WRITE, "sa");
		list.resource("events", "event", true, "Event", READ_WRITE, "ev");
		return list.toString();
	}

	private static String appsV1() {
		ResourceList list = new ResourceList("apps/v1");
		for (String[] workload : new String[][] { { "deployments", "deployment", "Deployment", "deploy" },
				{ "replicasets", "replicaset", "ReplicaSet", "rs" },
				{ "statefulsets", "statefulset", "StatefulSet", "sts" },
				{ "daemonsets", "daemonset", "DaemonSet", "ds" } }) {
			list.resource(workload[0], workload[1], true, workload[2], READ_WRITE, workload[3])
				.putArray("categories")
				.add("all");
			list.resource(workload[0] + "/status", "", true, workload[2], SUBRESOURCE);
			if (!"daemonsets".equals(workload[0])) {
				list.resource(workload[0] + "/scale", "", true, "Scale", SUBRESOURCE)
					.put("group", "autoscaling")
					.put("version", "v1");
			}
		}
		list.resource("controllerrevisions", "controllerrevision", true, "ControllerRevision", READ_WRITE);
		return list.toString();
	}

	/** An APIResourceList being written. */
	private static final class ResourceList {

		private final ObjectNode list = JSON.createObjectNode();

		private final ArrayNode resources;

		private final String groupVersion;

		ResourceList(String groupVersion) {
			this.groupVersion = groupVersion;
			this.list.put("kind", "APIResourceList");
			this.list.put("apiVersion", "v1");
			this.list.put("groupVersion", groupVersion);
			this.resources = this.list.putArray("resources");
		}

		ObjectNode resource(String name, String singularName, boolean namespaced, String kind, List<String> verbs,
				String... shortNames) {
			if (!name.contains("/")) {
				KINDS.put(this.groupVersion + "/" + name, kind);
			}
			ObjectNode resource = this.resources.addObject();
			resource.put("name", name);
			resource.put("singularName", singularName);
			resource.put("namespaced", namespaced);
			resource.put("kind", kind);
			ArrayNode verbList = resource.putArray("verbs");
			verbs.forEach(verbList::add);
			if (shortNames.length > 0) {
				ArrayNode shortNameList = resource.putArray("shortNames");
				for (String shortName : shortNames) {
					shortNameList.add(shortName);
				}
			}
			return resource;
		}

		@Override
		public String toString() {
			return this.list.toString();
		}

	}

}
