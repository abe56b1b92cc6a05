package io.tagrelay.worker.consume;

import java.time.Duration;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The events listener's container: Boot's settings (concurrency), a batch listener that
 * acknowledges a poll from another thread ({@link InFlightPolls}) once it is handled.
 * <p>
 * With asynchronous acknowledgments the container pauses the consumer's partitions while
 * a poll is not acknowledged and goes on polling (every {@link #POLL_WHILE_PAUSED}, its
 * {@code pollTimeoutWhilePaused}), so the consumer stays in the group however long the
 * rollout waits take, and the next records of its partitions are not delivered before the
 * poll is done. The acknowledgement is taken, and the partitions resumed, at the end of
 * the paused poll under way: its timeout is what an event waits at most behind the one
 * before it (spring-kafka's default, 100 ms, was most of the push-to-patch latency; bench
 * figure 2), against one empty poll of a paused consumer per 10 ms while rollouts run.
 * Ack mode {@code MANUAL} commits a poll in one request at the next of those polls
 * ({@code MANUAL_IMMEDIATE} would commit each of its records on its own).
 * <p>
 * Failures are the handler's to retry and dead-letter. The listener itself only hands the
 * poll over; should that ever fail, the poll is delivered again, never skipped.
 */
@Configuration(proxyBeanMethods = false)
class ConsumeConfiguration {

	static final String FACTORY = "eventsContainerFactory";

	static final Duration POLL_WHILE_PAUSED = Duration.ofMillis(10);

	@Bean(FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> eventsContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			InFlightPolls polls) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		// a poll's events are handled together (stale pushes collapse), then committed
		factory.setBatchListener(true);
		ContainerProperties container = factory.getContainerProperties();
		container.setAckMode(ContainerProperties.AckMode.MANUAL);
		container.setAsyncAcks(true);
		container.setPollTimeoutWhilePaused(POLL_WHILE_PAUSED);
		container.setConsumerRebalanceListener(polls);
		factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
		return factory;
	}

}
