package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out of the store's changes to the WebSocket watches: a watch of one Deployment
 * hears of that Deployment only, a watch of a namespace or of labels hears of all, a
 * watch opened late hears of what exists first, and a closed watch hears nothing more.
 */
class WatchFanoutTests {

	private final SimulatedCluster cluster = SimulatedCluster.withoutController();

	private final KubernetesClient client = this.cluster.client();

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void tellsAWatchByNameTheChangesOfItsOwnDeploymentAndNothingOfAnothers() {
		Events web = new Events();
		try (Watch watch = deployments().withName("web").watch(web)) {
			awaitWatches(1);
			assertThat(this.cluster.webSocketWatches().namedObjects()).isEqualTo(1);
			changeBoth();

			eventually().untilAsserted(() -> assertThat(web.seen).containsExactly("ADDED web 1.0.0",
					"MODIFIED web 2.0.0", "DELETED web 2.0.0"));
		}
	}

	@Test
	void tellsAnInformerByNameTheChangesOfItsOwnDeploymentAndNothingOfAnothers() {
		Events web = new Events();
		SharedIndexInformer<Deployment> informer = deployments().withName("web").inform(web);
		try {
			eventually().until(informer::hasSynced);
			awaitWatches(1);
			changeBoth();

			eventually().untilAsserted(() -> assertThat(web.seen).containsExactly("ADDED web 1.0.0",
					"MODIFIED web 2.0.0", "DELETED web 2.0.0"));
		}
		finally {
			informer.close();
		}
	}

	@Test
	void tellsAWatchOfTheNamespaceOrOfALabelTheChangesOfEveryDeployment() {
		Events namespace = new Events();
		Events labelled = new Events();
		try (Watch all = deployments().watch(namespace);
				Watch byLabel = deployments().withLabel("app").watch(labelled)) {
			awaitWatches(2);
			changeBoth();

			List<String> everything = List.of("ADDED web 1.0.0", "ADDED api 1.0.0", "MODIFIED web 2.0.0",
					"MODIFIED api 2.0.0", "DELETED web 2.0.0", "DELETED api 2.0.0");
			eventually().untilAsserted(() -> {
				assertThat(namespace.seen).containsExactlyElementsOf(everything);
				assertThat(labelled.seen).containsExactlyElementsOf(everything);
			});
		}
		assertThat(this.cluster.webSocketWatches().namedObjects()).isZero();
	}

	@Test
	void tellsAWatchOpenedAfterTheDeploymentExistsThatItWasAddedThenWhatChanges() {
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		this.cluster.createDeployment("demo", "api", "quay.io/acme/api:1.0.0");
		Events web = new Events();
		Events namespace = new Events();
		try (Watch byName = deployments().withName("web").watch(web); Watch all = deployments().watch(namespace)) {
			eventually().untilAsserted(() -> {
				assertThat(web.seen).containsExactly("ADDED web 1.0.0");
				assertThat(namespace.seen).containsExactlyInAnyOrder("ADDED web 1.0.0", "ADDED api 1.0.0");
			});
			this.cluster.setImage("demo", "web", "web", "quay.io/acme/web:2.0.0");

			eventually().untilAsserted(() -> {
				assertThat(web.seen).containsExactly("ADDED web 1.0.0", "MODIFIED web 2.0.0");
				assertThat(namespace.seen).hasSize(3).endsWith("MODIFIED web 2.0.0");
			});
		}
	}

	@Test
	void tellsAClosedWatchNothingMoreAndUnregistersIt() {
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		Events closed = new Events();
		Events open = new Events();
		try (Watch stays = deployments().withName("web").watch(open)) {
			Watch watch = deployments().withName("web").watch(closed);
			eventually().untilAsserted(() -> assertThat(closed.seen).containsExactly("ADDED web 1.0.0"));
			watch.close();
			awaitWatches(1);

			this.cluster.setImage("demo", "web", "web", "quay.io/acme/web:2.0.0");
			eventually()
				.untilAsserted(() -> assertThat(open.seen).containsExactly("ADDED web 1.0.0", "MODIFIED web 2.0.0"));
			assertThat(closed.seen).containsExactly("ADDED web 1.0.0");
		}
		awaitWatches(0);
		assertThat(this.cluster.webSocketWatches().namedObjects()).isZero();
	}

	// creates web and api, changes the image of each, deletes each
	private void changeBoth() {
		this.cluster.createDeployment("demo", "web", "quay.io/acme/web:1.0.0");
		this.cluster.createDeployment("demo", "api", "quay.io/acme/api:1.0.0");
		this.cluster.setImage("demo", "web", "web", "quay.io/acme/web:2.0.0");
		this.cluster.setImage("demo", "api", "api", "quay.io/acme/api:2.0.0");
		deployments().withName("web").delete();
		deployments().withName("api").delete();
	}

	private NonNamespaceOperation<Deployment, DeploymentList, RollableScalableResource<Deployment>> deployments() {
		return this.client.apps().deployments().inNamespace("demo");
	}

	private void awaitWatches(int open) {
		eventually().untilAsserted(() -> assertThat(this.cluster.webSocketWatches().size()).isEqualTo(open));
	}

	private static ConditionFactory eventually() {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
	}

	/** What a watch or an informer heard: the action, the name and the image's tag. */
	private static final class Events implements Watcher<Deployment>, ResourceEventHandler<Deployment> {

		private final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public void eventReceived(Action action, Deployment deployment) {
			this.seen.add(action + " " + describe(deployment));
		}

		@Override
		public void onClose(WatcherException cause) {
		}

		@Override
		public void onAdd(Deployment deployment) {
			this.seen.add("ADDED " + describe(deployment));
		}

		@Override
		public void onUpdate(Deployment old, Deployment deployment) {
			this.seen.add("MODIFIED " + describe(deployment));
		}

		@Override
		public void onDelete(Deployment deployment, boolean finalStateUnknown) {
			this.seen.add("DELETED " + describe(deployment));
		}

		private static String describe(Deployment deployment) {
			String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
			return deployment.getMetadata().getName() + " " + image.substring(image.lastIndexOf(':') + 1);
		}

	}

}
