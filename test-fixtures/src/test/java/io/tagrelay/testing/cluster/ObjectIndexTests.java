package io.tagrelay.testing.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The index of stored objects by identity: a GET, PATCH or PUT of a named object answers
 * the current object however it came to be, and a query the index cannot answer as the
 * store's scan would is left to the scan.
 */
class ObjectIndexTests {

	private static final String IMAGE_PATH = "/spec/template/spec/containers/0/image";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final SimulatedCluster cluster = SimulatedCluster.withoutController();

	private final KubernetesClient client = this.cluster.client();

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void answersEveryNamedGetWithTheCurrentDeploymentThroughCreatePatchUpdateDeleteAndRecreate() throws Exception {
		Deployment created = this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		assertCurrent(created, "quay.io/acme/web:1.0.0");

		Deployment patched = deployment().patch(PatchContext.of(PatchType.JSON),
				"[{\"op\":\"test\",\"path\":\"" + IMAGE_PATH + "\",\"value\":\"quay.io/acme/web:1.0.0\"},"
						+ "{\"op\":\"replace\",\"path\":\"" + IMAGE_PATH + "\",\"value\":\"quay.io/acme/web:2.0.0\"}]");
		assertCurrent(patched, "quay.io/acme/web:2.0.0");

		Deployment changed = deployment().get();
		changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("quay.io/acme/web:3.0.0");
		Deployment updated = this.client.apps().deployments().inNamespace("demo").resource(changed).update();
		assertCurrent(updated, "quay.io/acme/web:3.0.0");

		deployment().delete();
		assertThat(deployment().get()).isNull();
		assertThat(this.client.apps().deployments().inNamespace("demo").list().getItems()).isEmpty();
		HttpResponse<String> missing = get(SimulatedCluster.deploymentPath("demo", "web"));
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(missing.body()).path("message").asString())
			.isEqualTo("deployments.apps \"web\" not found");
		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> deployment().patch(PatchContext.of(PatchType.JSON),
					"[{\"op\":\"replace\",\"path\":\"" + IMAGE_PATH + "\",\"value\":\"quay.io/acme/web:4.0.0\"}]"))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(404));

		Deployment recreated = this.cluster.createDeployment("demo", "web", "quay.io/acme/web:5.0.0");
		assertThat(recreated.getMetadata().getUid()).isNotEqualTo(created.getMetadata().getUid());
		assertCurrent(recreated, "quay.io/acme/web:5.0.0");
	}

	@Test
	void refusesToCreateADeploymentThatExistsAndKeepsTheStoredOne() {
		Deployment created = this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");

		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> this.cluster.createDeployment("demo", "web", "quay.io/acme/web:2.0.0"))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(409));
		assertCurrent(created, "quay.io/acme/web:1.0.0");
	}

	@Test
	void answersTheStatusSubresourceWithTheStatusJustWritten() throws Exception {
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		this.cluster.rolledOutForever("demo", "web");

		HttpResponse<String> status = get(SimulatedCluster.deploymentPath("demo", "web") + "/status");
		assertThat(status.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(status.body());
		assertThat(body.path("metadata").path("resourceVersion").asString())
			.isEqualTo(deployment().get().getMetadata().getResourceVersion());
		assertThat(body.path("status").path("updatedReplicas").asInt()).isEqualTo(2);
	}

	@Test
	void tellsApartObjectsOfTheSameNameInOtherNamespacesAndKinds() {
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		this.cluster.createDeployment("prod", "web", "quay.io/acme/web:9.0.0");
		this.client.configMaps().inNamespace("demo").resource(configMap("web", "one")).create();
		this.client.configMaps().inNamespace("prod").resource(configMap("web", "two")).create();

		this.client.configMaps()
			.inNamespace("prod")
			.withName("web")
			.edit((map) -> new ConfigMapBuilder(map).addToData("value", "three").build());

		assertThat(SimulatedCluster.image(this.client, "demo", "web", "web")).isEqualTo("quay.io/acme/web:1.0.0");
		assertThat(SimulatedCluster.image(this.client, "prod", "web", "web")).isEqualTo("quay.io/acme/web:9.0.0");
		assertThat(this.client.configMaps().inNamespace("demo").withName("web").get().getData()).containsEntry("value",
				"one");
		assertThat(this.client.configMaps().inNamespace("prod").withName("web").get().getData()).containsEntry("value",
				"three");
		assertThat(this.client.configMaps().inNamespace("test").withName("web").get()).isNull();
	}

	@Test
	void leavesToTheScanAQueryThatMatchesMoreThanOneStoredObject() {
		ObjectIndex index = new ObjectIndex();
		AttributeSet widgets = stored("acme.io", "widgets");
		AttributeSet gadgets = stored("other.io", "widgets");
		index.replace(null, widgets, "{\"one\":1}");

		assertThat(index.find(query(null)).object()).isEqualTo(Map.entry(widgets, "{\"one\":1}"));
		index.replace(null, gadgets, "{\"two\":2}");
		// a path without a group, as /api/v1, matches a widget of any group
		assertThat(index.find(query(null)).known()).isFalse();
		assertThat(index.find(query("other.io")).object()).isEqualTo(Map.entry(gadgets, "{\"two\":2}"));

		index.replace(gadgets, null, null);
		assertThat(index.find(query(null)).object()).isEqualTo(Map.entry(widgets, "{\"one\":1}"));
		assertThat(index.find(query("other.io"))).isEqualTo(ObjectIndex.Lookup.ABSENT);
	}

	@Test
	void leavesToTheScanAQueryWithoutANamespaceOrAWildcard() {
		ObjectIndex index = new ObjectIndex();
		index.replace(null, stored("acme.io", "widgets"), "{}");

		assertThat(index
			.find(new AttributeSet(new Attribute(KubernetesAttributesExtractor.VERSION, "v1"),
					new Attribute(KubernetesAttributesExtractor.PLURAL, "widgets"),
					new Attribute(KubernetesAttributesExtractor.NAME, "w")))
			.known()).isFalse();
		index.replace(null, stored("acme.io", "*"), "{}");
		assertThat(index.find(query("acme.io")).known()).isFalse();
	}

	private void assertCurrent(Deployment expected, String image) {
		Deployment named = deployment().get();
		assertThat(named.getMetadata().getResourceVersion()).isEqualTo(expected.getMetadata().getResourceVersion());
		assertThat(named.getMetadata().getUid()).isEqualTo(expected.getMetadata().getUid());
		assertThat(named.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image);
		List<Deployment> listed = this.client.apps().deployments().inNamespace("demo").list().getItems();
		assertThat(listed).singleElement().isEqualTo(named);
	}

	private RollableScalableResource<Deployment> deployment() {
		return this.client.apps().deployments().inNamespace("demo").withName("web");
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.cluster.url()).resolve(path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static ConfigMap configMap(String name, String value) {
		return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("value", value).build();
	}

	private static AttributeSet stored(String group, String plural) {
		return new AttributeSet(new Attribute(KubernetesAttributesExtractor.API, group),
				new Attribute(KubernetesAttributesExtractor.VERSION, "v1"),
				new Attribute(KubernetesAttributesExtractor.PLURAL, plural),
				new Attribute(KubernetesAttributesExtractor.NAMESPACE, "demo"),
				new Attribute(KubernetesAttributesExtractor.NAME, "w"));
	}

	private static AttributeSet query(String group) {
		AttributeSet query = new AttributeSet(new Attribute(KubernetesAttributesExtractor.VERSION, "v1"),
				new Attribute(KubernetesAttributesExtractor.PLURAL, "widgets"),
				new Attribute(KubernetesAttributesExtractor.NAMESPACE, "demo"),
				new Attribute(KubernetesAttributesExtractor.NAME, "w"));
		return (group != null) ? query.add(new Attribute(KubernetesAttributesExtractor.API, group)) : query;
	}

}
