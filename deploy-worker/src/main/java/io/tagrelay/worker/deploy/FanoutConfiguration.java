package io.tagrelay.worker.deploy;

import io.tagrelay.worker.config.ClusterProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's two {@link Fanout} pools, each of
 * {@code tagrelay.cluster.concurrent-updates} threads: the repositories of a poll, and
 * the targets of a push.
 */
@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

	static final String REPOSITORIES = "repositoryFanout";

	static final String TARGETS = "targetFanout";

	@Bean(REPOSITORIES)
	Fanout repositoryFanout(ClusterProperties cluster) {
		return new Fanout("repository-", cluster.concurrentUpdates());
	}

	@Bean(TARGETS)
	Fanout targetFanout(ClusterProperties cluster) {
		return new Fanout("update-", cluster.concurrentUpdates());
	}

}
