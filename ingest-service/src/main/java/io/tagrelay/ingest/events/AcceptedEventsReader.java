package io.tagrelay.ingest.events;

import java.time.Instant;
import java.util.Map;

import io.tagrelay.model.InvalidInputException;
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
 * Reads the events topic so that this replica knows the events every replica accepted: a
 * CI step whose poll reaches another replica than its {@code POST} is told "pending", not
 * 404. Every replica reads every partition (its own consumer group, never committing),
 * from {@code tagrelay.ingest.events.retention} before it started. Its own events it
 * skips undecoded ({@link OwnEvents}): it indexed them when Kafka acknowledged them.
 */
@Component
class AcceptedEventsReader extends AbstractConsumerSeekAware {

	private static final Log logger = LogFactory.getLog(AcceptedEventsReader.class);

	private final Instant startedAt = Instant.now();

	private final EventCodec codec = new EventCodec();

	private final EventIndex index;

	private final OwnEvents own;

	AcceptedEventsReader(EventIndex index, OwnEvents own) {
		this.index = index;
		this.own = own;
	}

	@KafkaListener(id = "tagrelay-ingest-events", topics = TopicsProperties.EVENTS,
			groupId = "tagrelay-ingest-events-${random.uuid}", properties = KafkaTopics.SEE_NEW_PARTITIONS)
	void onEvent(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null || this.own.isOwn(record)) {
			return;
		}
		try {
			this.index.accepted(this.codec.readEvent(record.value()));
		}
		catch (InvalidInputException ex) {
			logger.warn("Ignoring unreadable event " + record.key() + "@" + record.offset() + ": " + ex.getMessage());
		}
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		callback.seekToTimestamp(assignments.keySet(), this.startedAt.minus(this.index.retention()).toEpochMilli());
	}

}
