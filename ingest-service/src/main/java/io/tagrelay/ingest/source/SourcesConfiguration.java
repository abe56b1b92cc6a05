package io.tagrelay.ingest.source;

import io.tagrelay.ingest.config.IngestProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the sources' settings and logs which webhooks are on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SourcesProperties.class)
class SourcesConfiguration {

	@Bean
	WebhookSources webhookSources(SourcesProperties sources, IngestProperties ingest) {
		WebhookSources switches = new WebhookSources(sources, ingest);
		switches.logSources();
		return switches;
	}

}
