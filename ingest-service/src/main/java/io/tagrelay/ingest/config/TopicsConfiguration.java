package io.tagrelay.ingest.config;

import io.tagrelay.support.kafka.DeclaredTopic;
import io.tagrelay.support.kafka.TopicsProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the topics the ingest writes (events) and reads (results and state, each read
 * whole by one consumer per replica), with the settings of {@code service-support}, as
 * the worker declares them: whichever service starts first creates a missing topic with
 * tagrelay's settings, so an ingest started first never waits for topics that a broker
 * would otherwise create with its own defaults, and an ingest that may not create them
 * says at start-up which one is missing.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	@Bean
	DeclaredTopic eventsTopic(TopicsProperties kafka) {
		return DeclaredTopic.of(kafka.eventsTopic());
	}

	@Bean
	DeclaredTopic resultsTopic(TopicsProperties kafka) {
		return DeclaredTopic.of(kafka.resultsTopic());
	}

	@Bean
	DeclaredTopic stateTopic(TopicsProperties kafka) {
		return DeclaredTopic.of(kafka.stateTopic());
	}

}
