package io.tagrelay.support.kafka;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * What both services do alike with Kafka: bind {@code tagrelay.kafka.*}, declare the
 * events topic, keep their consumers from having a broker create a topic, and contribute
 * the {@code kafka} health indicator of the readiness group.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicsProperties.class)
public class KafkaSupportConfiguration {

	/**
	 * The events topic, declared alike by the ingest (which writes it) and the worker
	 * (which reads it), so that whichever starts first creates it with the partition
	 * count both expect and the other finds it so.
	 * @param kafka the topic properties
	 * @return the declaration
	 */
	@Bean
	NewTopic eventsTopic(TopicsProperties kafka) {
		return kafka.newTopic(kafka.topics().events()).build();
	}

	/**
	 * A declaration fails when the broker is not reachable at start-up or the principal
	 * may not create topics; a consumer would then have the broker create its topic with
	 * the broker's defaults. With {@code allow.auto.create.topics=false} it waits for the
	 * topic instead (missing topics are not fatal).
	 * @return the customizer of every consumer factory
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer noTopicCreatedByConsumers() {
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
	}

	@Bean
	@ConditionalOnBean(KafkaAdmin.class)
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin,
			@Value("${spring.application.name}") String application) {
		return new KafkaHealthIndicator(kafkaAdmin, application + "-health");
	}

}
