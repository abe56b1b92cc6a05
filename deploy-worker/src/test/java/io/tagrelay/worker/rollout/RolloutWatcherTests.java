package io.tagrelay.worker.rollout;

import java.time.Clock;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.apps.Deployment;
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

	private Deployment read() {
		return this.client.apps().deployments().inNamespace("demo").withName("web").get();
	}

}
