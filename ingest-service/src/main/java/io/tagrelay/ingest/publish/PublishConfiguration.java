package io.tagrelay.ingest.publish;

import java.util.Map;

import io.tagrelay.ingest.config.IngestProperties;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds how long a send to the events topic may block.
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

	/**
	 * {@code max.block.ms} bounds the wait for metadata inside {@code send()} itself,
	 * which the enqueue timeout's future cannot interrupt.
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer boundedSend(IngestProperties properties) {
		return (factory) -> factory
			.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.enqueueTimeout().toMillis()));
	}

}
