package io.tagrelay.worker.consume;

import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Publishes an event that cannot be handled to the events dead-letter topic, with
 * spring-kafka's recoverer: the record as it was, the reason and the original topic,
 * partition, offset and consumer group in its headers, as the container's error handler
 * wrote them. A publication that fails (Kafka down) is tried again, with growing pauses,
 * until it succeeds or the poll is abandoned: the poll is not acknowledged before its
 * every event is handled or dead-lettered, so nothing is lost.
 */
@Component
class DeadLetters {

	private static final Log logger = LogFactory.getLog(DeadLetters.class);

	private static final BackOff PUBLICATION_RETRIES = publicationRetries();

	private final DeadLetterPublishingRecoverer recoverer;

	private final String topic;

	DeadLetters(KafkaTemplate<?, ?> kafka, TopicsProperties topics) {
		this.topic = topics.topics().eventsDlt();
		this.recoverer = new DeadLetterPublishingRecoverer(kafka, (record, ex) -> new TopicPartition(this.topic, -1));
	}

	private static BackOff publicationRetries() {
		ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
		backOff.setMaxInterval(30_000);
		return backOff;
	}

	/**
	 * Dead-letters a record, trying again until it is published or the poll is abandoned.
	 * @param poll the poll of the record
	 * @param record the record
	 * @param reason why it cannot be handled
	 */
	void publish(InFlightPoll poll, ConsumerRecord<String, byte[]> record, Throwable reason) {
		String message = "event " + format(record) + " dead-lettered to " + this.topic + ": " + reason.getMessage();
		// the container's wrapping of a listener's failure, which names the consumer
		// group
		Exception failure = new ListenerExecutionFailedException(message, EventListener.GROUP, reason);
		BackOffExecution retries = PUBLICATION_RETRIES.start();
		while (!poll.abandoned()) {
			try {
				this.recoverer.accept(record, null, failure);
				logger.error(message);
				return;
			}
			catch (RuntimeException ex) {
				long wait = retries.nextBackOff();
				logger.error("Could not dead-letter " + format(record) + ", again in " + wait + "ms", ex);
				poll.pause(wait);
			}
		}
	}

	static String format(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
