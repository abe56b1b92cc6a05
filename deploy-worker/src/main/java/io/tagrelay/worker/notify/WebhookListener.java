package io.tagrelay.worker.notify;

import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the results topic as group {@code tagrelay-webhooks}, apart from the
 * deployments, so that a receiver that is down never delays one. It is started by
 * {@link DeliveredWebhooks}, once that knows what the group had already delivered.
 */
@Component
class WebhookListener {

	/** The listener container's id. */
	static final String ID = "webhooks";

	private final WebhookNotifier notifier;

	WebhookListener(WebhookNotifier notifier) {
		this.notifier = notifier;
	}

	@KafkaListener(id = ID, groupId = "tagrelay-webhooks", topics = TopicsProperties.RESULTS,
			containerFactory = NotifyConfiguration.FACTORY, autoStartup = "false")
	void onOutcome(ConsumerRecord<String, byte[]> record) {
		this.notifier.deliver(record.value());
	}

}
