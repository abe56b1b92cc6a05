package io.tagrelay.worker.publish;

import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the topics the worker writes: results, the compacted state topic and both
 * dead-letter topics (the events topic is declared by both services alike, in
 * {@code service-support}).
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	@Bean
	NewTopic resultsTopic(TopicsProperties kafka) {
		return kafka.newTopic(kafka.topics().results()).build();
	}

	@Bean
	NewTopic stateTopic(TopicsProperties kafka) {
		return kafka.newTopic(kafka.topics().state())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

	@Bean
	NewTopic eventsDltTopic(TopicsProperties kafka) {
		return kafka.newTopic(kafka.topics().eventsDlt()).build();
	}

	@Bean
	NewTopic webhooksDltTopic(TopicsProperties kafka) {
		return kafka.newTopic(kafka.topics().webhooksDlt()).build();
	}

}
