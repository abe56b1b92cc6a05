package io.tagrelay.worker.rollout;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tagrelay.model.target.RolloutPolicy;
import io.tagrelay.testing.cluster.PodFate;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.worker.RecordingScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RolloutWatcherTests {

	static final String IMAGE = "quay.io/acme/web:1.0.0";

	final SimulatedCluster cluster = SimulatedCluster.start();

	final KubernetesClient client = this.cluster.client();

	final RecordingScheduler scheduler = new RecordingScheduler();

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
		this.cluster.close();
	}

	@Test
	void givesUpAfterTheConfiguredChecksWithExponentialWaitsWithoutSleeping() {
		this.cluster.controller().podsOfImage(IMAGE, PodFate.crashLoop());
		this.cluster.createDeployment("demo", "web", IMAGE);
		RolloutPolicy policy = new RolloutPolicy(RolloutPolicy.Success.COMPLETE, 5, Duration.ofSeconds(10), 2.0,
				Duration.ofSeconds(30), false);

		RolloutResult result = watcher().await("demo", "web", policy);

		assertThat(result.succeeded()).isFalse();
		assertThat(result.reason()).contains("rollout not complete after 5 checks");
		assertThat(this.scheduler.delays).containsExactly(10_000L, 20_000L, 30_000L, 30_000L);
	}

	@Test
	void succeedsAsSoonAsTheRolloutIsDone() {
		this.cluster.createDeployment("demo", "web", IMAGE);
		await().untilAsserted(() -> assertThat(read().getStatus()).isNotNull()
			.satisfies((status) -> assertThat(status.getAvailableReplicas()).isEqualTo(2)));

		RolloutResult result = watcher().await("demo", "web", RolloutPolicy.defaults());

		assertThat(result.succeeded()).isTrue();
		assertThat(this.scheduler.delays).isEmpty();
	}

	@Test
	void judgesAChangeFromItsAnswerAndTheWatchWithoutReadingTheApiServer() {
		Deployment done = rolledOut();
		Deployment unobserved = new DeploymentBuilder(done).editStatus().withObservedGeneration(0L).endStatus().build();
		RolloutPolicy policy = new RolloutPolicy(RolloutPolicy.Success.COMPLETE, 3, Duration.ofSeconds(1), 2.0,
				Duration.ofSeconds(1), false);
		this.cluster.requests().reset();

		RolloutResult instant = watcher((namespace, name) -> Optional.empty()).await("demo", "web", policy, done);
		RolloutResult watched = watcher((namespace, name) -> Optional.of(done)).await("demo", "web", policy,
				unobserved);

		assertThat(instant.succeeded()).isTrue();
		assertThat(watched.succeeded()).isTrue();
		// the controller's own requests are LISTs and status writes
		assertThat(this.cluster.requests().count("GET", "deployments")).isZero();
	}

	@Test
	void readsTheApiServerWhileTheWatchHasNotSeenTheChange() {
		Deployment done = rolledOut();
		Deployment older = new DeploymentBuilder(done).editMetadata().withGeneration(0L).endMetadata().build();
		Deployment changed = new DeploymentBuilder(done).editStatus().withObservedGeneration(0L).endStatus().build();
		this.cluster.requests().reset();

		RolloutResult result = watcher((namespace, name) -> Optional.of(older)).await("demo", "web",
				RolloutPolicy.defaults(), changed);

		assertThat(result.succeeded()).isTrue();
		assertThat(this.cluster.requests().count("GET", "deployments")).isOne();
	}

	@Test
	void failsAtOnceOnProgressDeadlineExceeded() {
		this.cluster.controller().podsOfImage(IMAGE, PodFate.crashLoop());
		this.cluster.controller().specSeconds(Duration.ofMillis(100));
		this.cluster.createDeployment("demo", "web", IMAGE);
		this.client.apps()
			.deployments()
			.inNamespace("demo")
			.withName("web")
			.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"progressDeadlineSeconds\":1}}");
		await().untilAsserted(() -> assertThat(read().getStatus()).isNotNull()
			.satisfies((status) -> assertThat(status.getConditions())
				.anySatisfy((condition) -> assertThat(condition.getReason()).isEqualTo("ProgressDeadlineExceeded"))));

		RolloutResult result = watcher().await("demo", "web", RolloutPolicy.defaults());

		assertThat(result.succeeded()).isFalse();
		assertThat(result.reason()).contains("progress deadline exceeded (ProgressDeadlineExceeded: ReplicaSet");
		assertThat(this.scheduler.delays).isEmpty();
	}

	private RolloutWatcher watcher() {
		return new RolloutWatcher(this.client, this.scheduler, Clock.systemUTC());
	}

	private RolloutWatcher watcher(RolloutWatcher.Watched watched) {
		return new RolloutWatcher(this.client, watched, this.scheduler, Clock.systemUTC());
	}

	// a Deployment whose first rollout is complete
	private Deployment rolledOut() {
		this.cluster.createDeployment("demo", "web", IMAGE);
		await().untilAsserted(() -> assertThat(read().getStatus()).isNotNull()
			.satisfies((status) -> assertThat(status.getAvailableReplicas()).isEqualTo(2)));
		return read();
	}

	private Deployment read() {
		return this.client.apps().deployments().inNamespace("demo").withName("web").get();
	}

}
