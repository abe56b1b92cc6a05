package io.tagrelay.worker.config;

import java.time.Clock;

import io.tagrelay.model.event.EventCodec;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

}
