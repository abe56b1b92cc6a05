package io.tagrelay.support.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * What both services do alike with Kafka: bind {@code tagrelay.kafka.*}, check the topics
 * each declares ({@link DeclaredTopic} beans, {@link KafkaTopics}: created if missing and
 * allowed, never re-partitioned), keep their consumers and producers from having a broker
 * create a topic with its defaults, and contribute the {@code kafka} health indicator of
 * the readiness group.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicsProperties.class)
public class KafkaSupportConfiguration {

	@Bean
	@ConditionalOnBean(KafkaAdmin.class)
	KafkaTopics kafkaTopics(KafkaAdmin kafkaAdmin, ObjectProvider<DeclaredTopic> declared, TopicsProperties kafka,
			KafkaProperties boot, @Value("${spring.application.name}") String application) {
		return new KafkaTopics(kafkaAdmin, declared.orderedStream().toList(), kafka.createTopics(),
				boot.getAdmin().isAutoCreate(), boot.getAdmin().isFailFast(), application + "-topics",
				KafkaTopics.RETRY_INTERVAL);
	}

	/**
	 * With {@code allow.auto.create.topics=false} a consumer subscribed to a missing
	 * topic waits for it instead of having the broker create it with the broker's
	 * defaults (missing topics are not fatal).
	 * @return the customizer of every consumer factory
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer noTopicCreatedByConsumers() {
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
	}

	/**
	 * Producers have no such setting: every producer sends only to topics
	 * {@link KafkaTopics} has checked.
	 * @param topics the topics' check
	 * @return the customizer of every producer factory
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer noTopicCreatedByProducers(ObjectProvider<KafkaTopics> topics) {
		return (factory) -> sendOnlyToCheckedTopics(factory, topics);
	}

	private static <K, V> void sendOnlyToCheckedTopics(DefaultKafkaProducerFactory<K, V> factory,
			ObjectProvider<KafkaTopics> topics) {
		factory.addPostProcessor((producer) -> {
			KafkaTopics checked = topics.getIfAvailable();
			return (checked != null) ? new CheckedTopicsProducer<>(producer, checked) : producer;
		});
	}

	@Bean
	@ConditionalOnBean(KafkaAdmin.class)
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, ObjectProvider<KafkaTopics> topics,
			@Value("${spring.application.name}") String application) {
		return new KafkaHealthIndicator(kafkaAdmin, topics.getIfAvailable(), application + "-health");
	}

}
