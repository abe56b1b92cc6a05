package io.tagrelay.worker.config;

import java.time.Clock;
import java.util.concurrent.Executor;

import io.tagrelay.model.event.EventCodec;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Binds the worker's own settings; the targets, {@code uk.*} and {@code tagrelay.kafka.*}
 * are bound by {@code service-support}, as in the ingest.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ WebhookProperties.class, ClusterProperties.class })
public class WorkerConfiguration {

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Builds the beans declared {@code @Bean(bootstrap = BACKGROUND)} (the Kubernetes
	 * client) on a thread of their own while the context goes on creating the others, a
	 * part of the worker's start-up (bench/RESULTS.md, issue 17). Boot's own (its task
	 * executor's alias) backs off, as the worker has executors of its own.
	 * @return a thread per bean, ended once it is built
	 */
	@Bean(ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME)
	Executor bootstrapExecutor() {
		return new SimpleAsyncTaskExecutor("bootstrap-");
	}

}
