package io.tagrelay.worker.consume;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The events listener's container: Boot's settings (concurrency), a batch listener whose
 * offsets are committed once a poll is handled, and an error handler that retries a
 * failing record (the one the listener names by its index) a few times (a Kafka or API
 * server hiccup) and then publishes it to the events dead-letter topic with the reason in
 * its headers, so the partition moves on. A record that is not a valid event is
 * dead-lettered at once.
 */
@Configuration(proxyBeanMethods = false)
class ConsumeConfiguration {

	static final String FACTORY = "eventsContainerFactory";

	@Bean(FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> eventsContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			KafkaTemplate<?, ?> kafka, TopicsProperties topics) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		// a poll's events are handled together (stale pushes collapse), then committed
		factory.setBatchListener(true);
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(topics.topics().eventsDlt(), -1));
		DefaultErrorHandler errors = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 2));
		errors.addNotRetryableExceptions(InvalidInputException.class);
		factory.setCommonErrorHandler(errors);
		return factory;
	}

}
