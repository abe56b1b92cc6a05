package io.tagrelay.worker.consume;

import java.util.List;

import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes the events topic as group {@code tagrelay-worker}, a poll at a time, and hands
 * each poll to {@link InFlightPolls} at once: applying events waits for rollouts, for
 * minutes, which must not happen on the consumer thread. The poll's offsets are committed
 * when it is acknowledged, once its events are handled; until then the container keeps
 * polling with the poll's partitions paused.
 * <p>
 * The consumers rebalance cooperatively: a rebalance revokes only the partitions that
 * move to another consumer. The eager default revokes every partition of every member
 * each time one joins or leaves (a replica starting, the consumers of this one joining
 * one by one), and a poll whose partitions are revoked is abandoned and delivered again,
 * rollout waits and outcomes included. Kafka's default assignor list includes the
 * cooperative one, so workers of an earlier version in the same group agree on it.
 */
@Component
class EventListener {

	/** The listener container's id. */
	static final String ID = "events";

	/** The consumer group. */
	static final String GROUP = "tagrelay-worker";

	private final InFlightPolls polls;

	EventListener(InFlightPolls polls) {
		this.polls = polls;
	}

	@KafkaListener(id = ID, groupId = GROUP, topics = TopicsProperties.EVENTS,
			containerFactory = ConsumeConfiguration.FACTORY, batch = "true",
			properties = { "max.poll.records:" + TopicsProperties.EVENTS_BATCH_SIZE,
					"partition.assignment.strategy:org.apache.kafka.clients.consumer.CooperativeStickyAssignor" })
	void onEvents(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
		this.polls.handOff(records, ack);
	}

}
