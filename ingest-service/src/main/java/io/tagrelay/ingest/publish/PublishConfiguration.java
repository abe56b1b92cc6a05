package io.tagrelay.ingest.publish;

import java.util.Map;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.config.KafkaTopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the events topic (the ingest writes it) and bounds how long a send may block.
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

	@Bean
	NewTopic eventsTopic(KafkaTopicsProperties kafka) {
		TopicBuilder topic = TopicBuilder.name(kafka.topics().events()).partitions(kafka.partitions());
		if (kafka.replicationFactor() > 0) {
			topic.replicas(kafka.replicationFactor());
		}
		return topic.build();
	}

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
