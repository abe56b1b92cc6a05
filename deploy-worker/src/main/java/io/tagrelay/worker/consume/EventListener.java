package io.tagrelay.worker.consume;

import java.util.ArrayList;
import java.util.List;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.support.kafka.TopicsProperties;
import io.tagrelay.worker.deploy.BatchDeployService;
import io.tagrelay.worker.deploy.EventsFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the events topic as group {@code tagrelay-worker}, a poll at a time, and hands
 * the events to the {@link BatchDeployService}. Offsets are committed once the poll is
 * handled. A record that is not a valid event, or an event that cannot be handled, is
 * reported by its index: the error handler commits the records before it, retries or
 * dead-letters it, and polls the rest again.
 */
@Component
class EventListener {

	/** The listener container's id. */
	static final String ID = "events";

	private final EventCodec codec;

	private final BatchDeployService service;

	EventListener(EventCodec codec, BatchDeployService service) {
		this.codec = codec;
		this.service = service;
	}

	@KafkaListener(id = ID, groupId = "tagrelay-worker", topics = TopicsProperties.EVENTS,
			containerFactory = ConsumeConfiguration.FACTORY, batch = "true",
			properties = "max.poll.records:" + TopicsProperties.EVENTS_BATCH_SIZE)
	void onEvents(List<ConsumerRecord<String, byte[]>> records) {
		List<DeployEvent> events = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				events.add(this.codec.readEvent(record.value()));
			}
			catch (InvalidInputException ex) {
				apply(events);
				throw new BatchListenerFailedException(ex.getMessage(), ex, events.size());
			}
		}
		apply(events);
	}

	private void apply(List<DeployEvent> events) {
		try {
			this.service.apply(events);
		}
		catch (EventsFailedException ex) {
			throw new BatchListenerFailedException(ex.getMessage(), ex.getCause(), ex.firstUnhandled());
		}
	}

}
