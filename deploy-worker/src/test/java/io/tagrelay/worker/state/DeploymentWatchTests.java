package io.tagrelay.worker.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.ApiRequests;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.worker.config.ClusterProperties;
import io.tagrelay.worker.config.ClusterProperties.WatchScope;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the worker watches the managed Deployments, against the simulated API server and
 * its RBAC for the worker's token: by name under the chart's Role that names them, or
 * once per namespace where the Role grants the namespace's list and watch, and by name
 * after all where it does not. Each way, the cache holds every managed Deployment, and a
 * change of one (a person's {@code kubectl set image}) or its deletion is published as
 * its target's state; the namespace's other Deployments are neither cached nor published.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeploymentWatchTests {

	private static final String WORKER = "system:serviceaccount:tagrelay:tagrelay-worker";

	private static final List<Target> TARGETS = List.of(Target.of("quay.io/acme/web", "demo", "web", null),
			Target.of("quay.io/acme/api", "demo", "api", null), Target.of("quay.io/acme/gone", "demo", "gone", null));

	private final SimulatedCluster cluster = SimulatedCluster.withoutController();

	private final KubernetesClient client = this.cluster.client(WORKER);

	private final StateTopic states = new StateTopic(true);

	private DeploymentWatch watch;

	DeploymentWatchTests() {
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		this.cluster.createDeployment("demo", "api", "quay.io/acme/api:1.0.0");
		this.cluster.createDeployment("demo", "other", "quay.io/acme/other:1.0.0");
		// the chart's Role: the managed Deployments by name, one of them not created yet
		this.cluster.rbac().grantByName(WORKER, "demo", "web", "api", "gone");
	}

	@AfterEach
	void close() {
		if (this.watch != null) {
			this.watch.stop();
		}
		this.client.close();
		this.cluster.close();
	}

	@Test
	void watchesEachManagedDeploymentByNameByDefault() {
		start(WatchScope.DEPLOYMENT);

		assertThat(listsAndWatchesOnceSynced()).isEqualTo(List.of(3L, 3L));
		assertPublishesTheChangesOfTheManagedDeployments();
	}

	@Test
	void watchesANamespaceOnceWhereTheRoleGrantsItsWatch() {
		this.cluster.rbac().grantWatchOfNamespace(WORKER, "demo");
		start(WatchScope.NAMESPACE);

		assertThat(listsAndWatchesOnceSynced()).isEqualTo(List.of(1L, 1L));
		assertPublishesTheChangesOfTheManagedDeployments();
		assertThat(this.watch.cached("demo", "other")).as("a Deployment no target manages").isEmpty();
	}

	@Test
	void watchesByNameWhereTheNamespacesListIsRefused(CapturedOutput output) {
		start(WatchScope.NAMESPACE);

		listsAndWatchesOnceSynced();
		assertPublishesTheChangesOfTheManagedDeployments();
		assertThat(output).contains("tagrelay.cluster.watch-scope=namespace, but the worker may not list the"
				+ " Deployments of namespace demo: watching its 3 managed Deployment(s) by name instead");
	}

	@Test
	void warnsOnceOfAWatchItsRoleRefusesWhileItTriesAgain(CapturedOutput output) {
		this.cluster.createDeployment("demo", "denied", "quay.io/acme/denied:1.0.0");
		start(WatchScope.DEPLOYMENT, Target.of("quay.io/acme/denied", "demo", "denied", null));

		// the refused list, tried again with the client's backoff (1 s, 2 s, ...)
		eventually().until(() -> this.cluster.requests().count("LIST", "deployments") >= 1 + 3);
		assertThat(output.toString().lines().filter((line) -> line.contains("WARN")))
			.filteredOn((line) -> line.contains("demo/denied"))
			.singleElement()
			.asString()
			.contains("Watch of Deployment demo/denied failed, starting it again", "is forbidden",
					"(the worker's Role must grant get, list and watch of it)");
		assertThat(this.watch.cached("demo", "denied")).isEmpty();
	}

	/**
	 * Waits until every managed Deployment is cached and its state published.
	 * @return the lists and watches of Deployments the API server received until then
	 */
	private List<Long> listsAndWatchesOnceSynced() {
		eventually().untilAsserted(() -> {
			assertThat(this.watch.cached("demo", "web")).isPresent();
			assertThat(this.watch.cached("demo", "api")).isPresent();
			assertThat(published()).containsExactlyInAnyOrder("demo/web quay.io/acme/web:1.0.0",
					"demo/api quay.io/acme/api:1.0.0", "demo/gone none");
		});
		ApiRequests requests = this.cluster.requests();
		return List.of(requests.count("LIST", "deployments"), requests.count("WATCH", "deployments"));
	}

	private void assertPublishesTheChangesOfTheManagedDeployments() {
		this.cluster.setImage("demo", "web", "web", "quay.io/acme/web:1.1.0");
		this.cluster.setImage("demo", "other", "other", "quay.io/acme/other:1.1.0");
		this.cluster.client().apps().deployments().inNamespace("demo").withName("api").delete();

		eventually().untilAsserted(() -> {
			assertThat(this.watch.cached("demo", "web").map(DeploymentWatchTests::image))
				.contains("quay.io/acme/web:1.1.0");
			assertThat(this.watch.cached("demo", "api")).isEmpty();
			assertThat(published()).containsExactlyInAnyOrder("demo/web quay.io/acme/web:1.0.0",
					"demo/api quay.io/acme/api:1.0.0", "demo/gone none", "demo/web quay.io/acme/web:1.1.0",
					"demo/api none");
		});
	}

	private void start(WatchScope scope) {
		start(scope, TARGETS.toArray(Target[]::new));
	}

	private void start(WatchScope scope, Target... targets) {
		this.cluster.requests().reset();
		ClusterProperties cluster = new ClusterProperties(Duration.ofSeconds(10),
				new ClusterProperties.Retry(5, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10)), 16,
				Duration.ofMinutes(5), scope);
		this.watch = new DeploymentWatch(this.client, this.states.reporter,
				new Targets(List.of(targets), Optional.empty()), cluster);
		this.watch.start();
	}

	private List<String> published() {
		return this.states.sent()
			.stream()
			.map((state) -> state.target().namespace() + "/" + state.target().deployment() + " "
					+ ((state.image() != null) ? state.image() : "none"))
			.toList();
	}

	private static String image(Deployment deployment) {
		return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
	}

	private static ConditionFactory eventually() {
		return Awaitility.await().atMost(Duration.ofSeconds(20));
	}

}
