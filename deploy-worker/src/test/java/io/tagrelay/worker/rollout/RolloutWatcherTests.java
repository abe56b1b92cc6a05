package io.tagrelay.worker.rollout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.target.RolloutPolicy;
import io.tagrelay.testing.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutWatcherTests {

	final SimulatedCluster cluster = SimulatedCluster.withoutController();

	final KubernetesClient client = this.cluster.client();

	final RecordingScheduler scheduler = new RecordingScheduler();

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
		this.cluster.close();
	}

	@Test
	void givesUpAfterTheConfiguredChecksWithExponentialWaitsWithoutSleeping() {
		create(null);
		RolloutPolicy policy = new RolloutPolicy(RolloutPolicy.Success.COMPLETE, 5, Duration.ofSeconds(10), 2.0,
				Duration.ofSeconds(30), false);

		RolloutResult result = watcher().await("demo", "web", policy);

		assertThat(result.succeeded()).isFalse();
		assertThat(result.reason()).contains("rollout not complete after 5 checks");
		assertThat(this.scheduler.delays).containsExactly(10_000L, 20_000L, 30_000L, 30_000L);
	}

	@Test
	void succeedsAsSoonAsTheRolloutIsDone() {
		create(null);
		this.client.apps().deployments().inNamespace("demo").withName("web").editStatus((d) -> {
			d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
			d.getStatus().setReplicas(1);
			d.getStatus().setUpdatedReplicas(1);
			d.getStatus().setAvailableReplicas(1);
			return d;
		});

		RolloutResult result = watcher().await("demo", "web", RolloutPolicy.defaults());

		assertThat(result.succeeded()).isTrue();
		assertThat(this.scheduler.delays).isEmpty();
	}

	@Test
	void failsAtOnceOnProgressDeadlineExceeded() {
		create(new DeploymentConditionBuilder().withType("Progressing")
			.withStatus("False")
			.withReason("ProgressDeadlineExceeded")
			.build());

		RolloutResult result = watcher().await("demo", "web", RolloutPolicy.defaults());

		assertThat(result.succeeded()).isFalse();
		assertThat(result.reason()).contains("progress deadline exceeded");
		assertThat(this.scheduler.delays).isEmpty();
	}

	private RolloutWatcher watcher() {
		return new RolloutWatcher(this.client, this.scheduler, Clock.systemUTC());
	}

	private void create(io.fabric8.kubernetes.api.model.apps.DeploymentCondition condition) {
		Deployment deployment = new DeploymentBuilder().withNewMetadata()
			.withNamespace("demo")
			.withName("web")
			.withGeneration(2L)
			.endMetadata()
			.withNewSpec()
			.withReplicas(1)
			.endSpec()
			.withNewStatus()
			.withObservedGeneration(1L)
			.withConditions((condition != null) ? List.of(condition) : List.of())
			.endStatus()
			.build();
		this.client.apps().deployments().inNamespace("demo").resource(deployment).create();
	}

	/**
	 * Runs every scheduled task at once, remembering the delay it asked for.
	 */
	static class RecordingScheduler extends ScheduledThreadPoolExecutor {

		final List<Long> delays = new CopyOnWriteArrayList<>();

		RecordingScheduler() {
			super(1);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
			if (delay > 0) {
				this.delays.add(unit.toMillis(delay));
			}
			return super.schedule(command, 0, unit);
		}

		@Override
		public <V> ScheduledFuture<V> schedule(java.util.concurrent.Callable<V> callable, long delay, TimeUnit unit) {
			if (delay > 0) {
				this.delays.add(unit.toMillis(delay));
			}
			return super.schedule(callable, 0, unit);
		}

	}

}
