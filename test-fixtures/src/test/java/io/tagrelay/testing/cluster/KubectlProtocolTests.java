package io.tagrelay.testing.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the simulated API server answers kubectl, checked without kubectl: discovery, the
 * watch over plain HTTP, the table of {@code kubectl get}, the 404 Status; and how
 * {@link Kubectl} finds its binaries.
 */
class KubectlProtocolTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final SimulatedCluster cluster = SimulatedCluster.withoutController();

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void servesLegacyDiscoveryWhateverTheClientAsksFor() throws Exception {
		String aggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
		HttpResponse<String> api = get("/api", aggregated);
		assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(json(api).path("kind").asString()).isEqualTo("APIVersions");
		assertThat(json(get("/apis", aggregated)).path("groups")
			.get(0)
			.path("preferredVersion")
			.path("groupVersion")
			.asString()).isEqualTo("apps/v1");
		assertThat(json(get("/version", null)).path("gitVersion").asString()).isEqualTo(Discovery.GIT_VERSION);
		JsonNode apps = json(get("/apis/apps/v1", null));
		assertThat(apps.path("groupVersion").asString()).isEqualTo("apps/v1");
		assertThat(resource(apps, "deployments").path("shortNames").get(0).asString()).isEqualTo("deploy");
		assertThat(resource(apps, "deployments").path("namespaced").asBoolean()).isTrue();
		assertThat(resource(apps, "deployments/scale").path("kind").asString()).isEqualTo("Scale");
		assertThat(resource(json(get("/api/v1", null)), "namespaces").path("namespaced").asBoolean()).isFalse();
	}

	@Test
	void answersAWatchOverHttpWithTheChangesSinceItsVersionOrABookmark() throws Exception {
		Deployment web = this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		String version = web.getMetadata().getResourceVersion();
		String watch = "/apis/apps/v1/namespaces/demo/deployments?allowWatchBookmarks=true"
				+ "&fieldSelector=metadata.name%3Dweb&watch=true&resourceVersion=";

		assertThat(events(get(watch + "0", null))).singleElement()
			.satisfies((event) -> assertThat(event.path("type").asString()).isEqualTo("ADDED"));
		assertThat(events(get(watch + version, null))).singleElement().satisfies((event) -> {
			assertThat(event.path("type").asString()).isEqualTo("BOOKMARK");
			assertThat(event.path("object").path("kind").asString()).isEqualTo("Deployment");
		});

		this.cluster.rolledOutForever("demo", "web");
		JsonNode modified = events(get(watch + version, null))[0];
		assertThat(modified.path("type").asString()).isEqualTo("MODIFIED");
		assertThat(modified.path("object").path("status").path("updatedReplicas").asInt()).isEqualTo(2);

		String afterUpdate = modified.path("object").path("metadata").path("resourceVersion").asString();
		this.cluster.client().apps().deployments().inNamespace("demo").withName("web").delete();
		JsonNode deleted = events(get(watch + afterUpdate, null))[0];
		assertThat(deleted.path("type").asString()).isEqualTo("DELETED");
		assertThat(Long.parseLong(deleted.path("object").path("metadata").path("resourceVersion").asString()))
			.isGreaterThan(Long.parseLong(afterUpdate));
	}

	@Test
	void printsDeploymentsAsATableForKubectlGetAndTheirAbsenceAsAStatus() throws Exception {
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		this.cluster.rolledOutForever("demo", "web");
		String table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

		JsonNode list = json(get("/apis/apps/v1/namespaces/demo/deployments", table));
		assertThat(list.path("kind").asString()).isEqualTo("Table");
		assertThat(list.path("rows").get(0).path("cells").toString()).startsWith("[\"web\",\"2/2\",2,2,");

		HttpResponse<String> missing = get("/apis/apps/v1/namespaces/demo/deployments/nowhere", table);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(json(missing).path("message").asString()).isEqualTo("deployments.apps \"nowhere\" not found");
		assertThat(this.cluster.client().apps().deployments().inNamespace("demo").withName("nowhere").get()).isNull();
	}

	@Test
	void findsTheKubectlsOfTheVariableInItsOrderOnceEachOrElseTheFirstOnThePath(@TempDir Path directory)
			throws IOException {
		Path first = executable(directory.resolve("a/kubectl"));
		Path second = executable(directory.resolve("b/kubectl"));
		Path link = Files.createSymbolicLink(directory.resolve("link"), second);
		String missing = directory.resolve("missing/kubectl").toString();

		assertThat(Kubectl.findAll(second + ":" + missing + ":" + first + ":" + link, null))
			.extracting(Kubectl::executable)
			.containsExactly(second, first);
		assertThat(
				Kubectl.findAll("", directory.resolve("missing") + ":" + first.getParent() + ":" + second.getParent()))
			.extracting(Kubectl::executable)
			.containsExactly(first);
		assertThat(Kubectl.findAll(null, directory.resolve("missing").toString())).isEmpty();
	}

	private static Path executable(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, "#!/bin/sh\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

	private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.cluster.url()).resolve(path))
			.timeout(Duration.ofSeconds(10));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 404);
		return JSON.readTree(response.body());
	}

	private static JsonNode[] events(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body().lines().filter((line) -> !line.isBlank()).map(JSON::readTree).toArray(JsonNode[]::new);
	}

	private static JsonNode resource(JsonNode list, String name) {
		for (JsonNode resource : list.path("resources")) {
			if (name.equals(resource.path("name").asString())) {
				return resource;
			}
		}
		throw new AssertionError("no resource " + name + " in " + list);
	}

}
