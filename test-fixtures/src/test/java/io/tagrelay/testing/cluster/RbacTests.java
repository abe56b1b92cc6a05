package io.tagrelay.testing.cluster;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The simulated API server's RBAC for a ServiceAccount's token: a Role by name allows
 * what fabric8 sends for one named Deployment (a get, a patch, a list and a watch with a
 * {@code metadata.name} field selector) and refuses a list of the namespace with the API
 * server's 403; a Role that grants the namespace's watch allows that list too. Requests
 * without the token are not checked.
 */
class RbacTests {

	private static final String WORKER = "system:serviceaccount:tagrelay:tagrelay-worker";

	private final SimulatedCluster cluster = SimulatedCluster.withoutController();

	private final KubernetesClient worker = this.cluster.client(WORKER);

	RbacTests() {
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		this.cluster.createDeployment("demo", "api", "quay.io/acme/api:1.0.0");
	}

	@AfterEach
	void close() {
		this.worker.close();
		this.cluster.close();
	}

	@Test
	void aRoleByNameAllowsWhatFabric8SendsForOneNamedDeployment() throws Exception {
		this.cluster.rbac().grantByName(WORKER, "demo", "web");

		assertThat(this.worker.apps().deployments().inNamespace("demo").withName("web").get()).isNotNull();
		assertThat(this.worker.apps()
			.deployments()
			.inNamespace("demo")
			.withField("metadata.name", "web")
			.list()
			.getItems()).extracting((d) -> d.getMetadata().getName()).containsExactly("web");
		this.worker.apps()
			.deployments()
			.inNamespace("demo")
			.withName("web")
			.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}");
		try (Watch watch = this.worker.apps().deployments().inNamespace("demo").withName("web").watch(new Ignored())) {
			Awaitility.await().until(() -> this.cluster.webSocketWatches().size() == 1);
		}
		Awaitility.await().until(() -> this.cluster.webSocketWatches().size() == 0);
	}

	@Test
	void aRoleByNameRefusesTheListOfTheNamespaceAsTheApiServerDoes() {
		this.cluster.rbac().grantByName(WORKER, "demo", "web");

		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> this.worker.apps().deployments().inNamespace("demo").list())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(403))
			.withMessageContaining("deployments.apps is forbidden: User \"" + WORKER
					+ "\" cannot list resource \"deployments\" in API group \"apps\" in the namespace \"demo\"");
		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> this.worker.apps().deployments().inNamespace("demo").watch(new Ignored()))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(403));
	}

	@Test
	void aRoleByNameRefusesOtherDeploymentsAndOtherNamespaces() {
		this.cluster.rbac().grantByName(WORKER, "demo", "web");
		this.cluster.createDeployment("prod", "web", "quay.io/acme/web:1.0.0");

		for (var refused : List.of(this.worker.apps().deployments().inNamespace("demo").withName("api"),
				this.worker.apps().deployments().inNamespace("prod").withName("web"))) {
			assertThatExceptionOfType(KubernetesClientException.class).isThrownBy(refused::get)
				.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(403));
		}
		Deployment api = this.cluster.client().apps().deployments().inNamespace("demo").withName("api").get();
		assertThatExceptionOfType(KubernetesClientException.class).isThrownBy(
				() -> this.worker.apps().deployments().resource(api).patch(PatchContext.of(PatchType.JSON_MERGE), "{}"))
			.withMessageContaining("deployments.apps \"api\" is forbidden")
			.withMessageContaining("cannot patch resource \"deployments\"");
	}

	@Test
	void aRoleThatGrantsTheNamespacesWatchAllowsItsList() {
		this.cluster.rbac().grantByName(WORKER, "demo", "web");
		this.cluster.rbac().grantWatchOfNamespace(WORKER, "demo");

		assertThat(this.worker.apps().deployments().inNamespace("demo").list().getItems())
			.extracting((d) -> d.getMetadata().getName())
			.containsExactlyInAnyOrder("web", "api");
		// get and patch stay by name
		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> this.worker.apps().deployments().inNamespace("demo").withName("api").get())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(403));
	}

	@Test
	void requestsWithoutTheTokenAreNotChecked() {
		this.cluster.rbac().grantByName(WORKER, "demo", "web");

		assertThat(this.cluster.client().apps().deployments().inNamespace("demo").list().getItems()).hasSize(2);
	}

	private static final class Ignored implements Watcher<Deployment> {

		@Override
		public void eventReceived(Action action, Deployment resource) {
		}

		@Override
		public void onClose(WatcherException cause) {
		}

	}

}
