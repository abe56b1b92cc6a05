package io.tagrelay.worker.publish;

import io.tagrelay.worker.config.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the topics the worker writes: results, the compacted state topic and both
 * dead-letter topics. The events topic belongs to the ingest.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

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
