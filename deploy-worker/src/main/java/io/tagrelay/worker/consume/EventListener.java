package io.tagrelay.worker.consume;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.worker.deploy.DeployService;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the events topic as group {@code tagrelay-worker} and hands each event to the
 * {@link DeployService}. The offset is committed after the record is handled; a record
 * that is not a valid event throws and is dead-lettered by the error handler.
 */
@Component
class EventListener {

	/** The listener container's id. */
	static final String ID = "events";

	private final EventCodec codec;

	private final DeployService service;

	EventListener(EventCodec codec, DeployService service) {
		this.codec = codec;
		this.service = service;
	}

	@KafkaListener(id = ID, groupId = "tagrelay-worker", topics = "${tagrelay.kafka.topics.events:tagrelay.events}",
			containerFactory = ConsumeConfiguration.FACTORY)
	void onEvent(ConsumerRecord<String, byte[]> record) {
		this.service.apply(this.codec.readEvent(record.value()));
	}

}
