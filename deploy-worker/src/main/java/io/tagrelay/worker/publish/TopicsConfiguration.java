package io.tagrelay.worker.publish;

import io.tagrelay.support.kafka.DeclaredTopic;
import io.tagrelay.support.kafka.TopicsProperties;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares every topic the worker reads or writes, each with the settings of
 * {@code service-support} (so that the ingest, which declares the events, results and
 * state topics too, would create them alike): whichever service starts first creates a
 * missing topic, the other finds it. The events and results topics are consumed by
 * {@code spring.kafka.listener.concurrency} consumers of one group each (the events and
 * webhooks listeners).
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	@Bean
	DeclaredTopic eventsTopic(TopicsProperties kafka, KafkaProperties boot) {
		return DeclaredTopic.consumedBy(kafka.eventsTopic(), consumers(boot));
	}

	@Bean
	DeclaredTopic resultsTopic(TopicsProperties kafka, KafkaProperties boot) {
		return DeclaredTopic.consumedBy(kafka.resultsTopic(), consumers(boot));
	}

	@Bean
	DeclaredTopic stateTopic(TopicsProperties kafka) {
		return DeclaredTopic.of(kafka.stateTopic());
	}

	@Bean
	DeclaredTopic eventsDltTopic(TopicsProperties kafka) {
		return DeclaredTopic.of(kafka.eventsDltTopic());
	}

	@Bean
	DeclaredTopic webhooksDltTopic(TopicsProperties kafka) {
		return DeclaredTopic.of(kafka.webhooksDltTopic());
	}

	private static int consumers(KafkaProperties boot) {
		Integer concurrency = boot.getListener().getConcurrency();
		return (concurrency != null) ? concurrency : 1;
	}

}
