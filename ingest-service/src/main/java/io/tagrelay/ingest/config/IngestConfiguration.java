package io.tagrelay.ingest.config;

import io.tagrelay.support.targets.UpdatekateProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the ingest's own settings; the targets, {@code uk.*} and {@code tagrelay.kafka.*}
 * are bound by {@code service-support}, as in the worker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestConfiguration {

	@Bean
	InfoSwitch infoSwitch(IngestProperties ingest, UpdatekateProperties updatekate) {
		return new InfoSwitch(ingest.info().enabled() || updatekate.info());
	}

}
