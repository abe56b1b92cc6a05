package io.tagrelay.worker.publish;

import java.util.Map;

import io.tagrelay.worker.config.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the topics the worker uses: the events topic it reads (as the ingest declares
 * it), results, the compacted state topic and both dead-letter topics; and keeps its
 * consumers from having the broker create a topic.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	/**
	 * The events topic, declared exactly as the ingest declares it (same name, the same
	 * {@code tagrelay.kafka.partitions} and replication keys, same defaults), so
	 * whichever service starts first creates it with the partition count both expect; the
	 * other then finds it as it wants it. Without it, a worker started before the ingest
	 * had its consumer's metadata request auto-create the topic with the broker's default
	 * partition count; the ingest then added partitions, which the worker's consumers saw
	 * only at their next metadata refresh ({@code metadata.max.age.ms}, 5 min), while the
	 * new partitions' events waited.
	 */
	@Bean
	NewTopic eventsTopic(TopicsProperties kafka) {
		return topic(kafka, kafka.topics().events()).build();
	}

	/**
	 * The declaration above is not enough on its own: it fails when the broker is not
	 * reachable while the worker starts, or when the worker's principal may not create
	 * topics (production clusters whose topics an operator manages). A consumer may then
	 * still have the broker create its topic with the broker's defaults. With
	 * {@code allow.auto.create.topics=false} it waits for the topic instead (missing
	 * topics are not fatal), until one of the services or the operator declares it.
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer noTopicCreatedByConsumers() {
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
	}

	@Bean
	NewTopic resultsTopic(TopicsProperties kafka) {
		return topic(kafka, kafka.topics().results()).build();
	}

	@Bean
	NewTopic stateTopic(TopicsProperties kafka) {
		return topic(kafka, kafka.topics().state())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

	@Bean
	NewTopic eventsDltTopic(TopicsProperties kafka) {
		return topic(kafka, kafka.topics().eventsDlt()).build();
	}

	@Bean
	NewTopic webhooksDltTopic(TopicsProperties kafka) {
		return topic(kafka, kafka.topics().webhooksDlt()).build();
	}

	private static TopicBuilder topic(TopicsProperties kafka, String name) {
		TopicBuilder topic = TopicBuilder.name(name).partitions(kafka.partitions());
		if (kafka.replicationFactor() > 0) {
			topic.replicas(kafka.replicationFactor());
		}
		return topic;
	}

}
