package io.tagrelay.support.kafka;

import org.apache.kafka.common.errors.RetriableException;

/**
 * A send to a topic that is not yet known to exist, refused before the producer asks the
 * broker for the topic's metadata: a producer's metadata request lets a broker with
 * {@code auto.create.topics.enable=true} create the topic with its own defaults, and
 * kafka-clients has no producer setting that prevents it.
 */
public class TopicNotCheckedException extends RetriableException {

	/**
	 * Creates the exception.
	 * @param topic the topic
	 */
	public TopicNotCheckedException(String topic) {
		super("Kafka topic '" + topic + "' is not yet known to exist: nothing is sent to it until tagrelay has "
				+ "checked it (at start-up, then every few seconds)");
	}

}
