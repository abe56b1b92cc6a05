package io.tagrelay.ingest.results;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.tagrelay.ingest.events.EventIndex;
import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.support.kafka.KafkaTopics;
import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Reads the results topic and hands each outcome to the request waiting for it and to the
 * {@link EventIndex} that {@code GET /events/{eventId}} answers from. Every replica reads
 * every partition (its own consumer group, never committing), starting
 * {@code tagrelay.ingest.events.retention} (at least a minute) before it started, so an
 * outcome published while partitions were still being assigned is not skipped, and a
 * restarted replica still knows recent outcomes. Partitions added to the topic later are
 * assigned within seconds ({@link KafkaTopics#SEE_NEW_PARTITIONS}) and read from the same
 * time on.
 */
@Component
class OutcomeListener extends AbstractConsumerSeekAware {

	// covers clock skew between the worker's producer and this replica
	private static final Duration SKEW = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(OutcomeListener.class);

	private final Instant startedAt = Instant.now();

	private final EventCodec codec = new EventCodec();

	private final OutcomeWaiters waiters;

	private final EventIndex events;

	OutcomeListener(OutcomeWaiters waiters, EventIndex events) {
		this.waiters = waiters;
		this.events = events;
	}

	@KafkaListener(id = "tagrelay-ingest-results", topics = TopicsProperties.RESULTS,
			groupId = "tagrelay-ingest-results-${random.uuid}", properties = KafkaTopics.SEE_NEW_PARTITIONS)
	void onOutcome(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		try {
			DeploymentOutcome outcome = this.codec.readOutcome(record.value());
			this.events.outcome(outcome);
			this.waiters.complete(outcome);
		}
		catch (InvalidInputException ex) {
			logger.warn("Ignoring unreadable outcome " + record.key() + "@" + record.offset() + ": " + ex.getMessage());
		}
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		Duration back = (this.events.retention().compareTo(SKEW) > 0) ? this.events.retention() : SKEW;
		callback.seekToTimestamp(assignments.keySet(), this.startedAt.minus(back).toEpochMilli());
	}

}
