package io.tagrelay.worker.rollout;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.worker.state.DeploymentWatch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The rollout watcher, judging what the Deployments' watches see, and the scheduler its
 * polls run on.
 */
@Configuration(proxyBeanMethods = false)
class RolloutConfiguration {

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService rolloutScheduler() {
		return new ScheduledThreadPoolExecutor(2, new CustomizableThreadFactory("rollout-"));
	}

	@Bean
	RolloutWatcher rolloutWatcher(KubernetesClient client, DeploymentWatch watch,
			ScheduledExecutorService rolloutScheduler, Clock clock) {
		return new RolloutWatcher(client, watch::cached, rolloutScheduler, clock);
	}

}
