package io.tagrelay.worker.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The webhooks already delivered (or given up and dead-lettered), by Standard Webhooks
 * id, for {@code tagrelay.kafka.max-event-age}: an outcome published again for the same
 * event and container (an event delivered again after the worker died between its outcome
 * and its offset commit resumes and reports it once more) sends no second webhook. Before
 * the webhooks listener starts, it reads what the listener's group had already handled:
 * the results of the last max-event-age before the group's committed offsets; the
 * listener starts once that is read (or could not be, after a warning), off the start-up
 * path.
 */
@Component
class DeliveredWebhooks implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DeliveredWebhooks.class);

	static final String GROUP = "tagrelay-webhooks";

	private static final Duration SEED_TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, Instant> delivered = new ConcurrentHashMap<>();

	private final ConsumerFactory<Object, Object> consumers;

	private final KafkaListenerEndpointRegistry listeners;

	private final EventCodec codec;

	private final TopicsProperties topics;

	private final Clock clock;

	private volatile boolean running;

	DeliveredWebhooks(ConsumerFactory<Object, Object> consumers, KafkaListenerEndpointRegistry listeners,
			EventCodec codec, TopicsProperties topics, Clock clock) {
		this.consumers = consumers;
		this.listeners = listeners;
		this.codec = codec;
		this.topics = topics;
		this.clock = clock;
	}

	/**
	 * Whether the webhook of an outcome was delivered already.
	 * @param outcome the outcome
	 * @return true if a webhook with its id was delivered or dead-lettered
	 */
	boolean already(DeploymentOutcome outcome) {
		return this.delivered.containsKey(WebhookNotifier.webhookId(outcome));
	}

	/**
	 * Records a webhook as handled: delivered, or given up.
	 * @param outcome its outcome
	 */
	void handled(DeploymentOutcome outcome) {
		Instant now = this.clock.instant();
		this.delivered.put(WebhookNotifier.webhookId(outcome), now);
		Instant oldest = now.minus(this.topics.maxEventAge());
		this.delivered.values().removeIf((at) -> at.isBefore(oldest));
	}

	@Override
	public void start() {
		this.running = true;
		Thread seeding = new Thread(() -> {
			try {
				seed();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not read the webhooks already delivered (" + ex.getMessage()
						+ "); an outcome published twice may send its webhook twice, with the same webhook-id");
			}
			MessageListenerContainer webhooks = this.listeners.getListenerContainer(WebhookListener.ID);
			if (this.running && webhooks != null) {
				webhooks.start();
			}
		}, "webhooks-seed");
		seeding.setDaemon(true);
		seeding.start();
	}

	private void seed() {
		String results = this.topics.topics().results();
		Map<String, Object> overrides = Map.of(ConsumerConfig.GROUP_ID_CONFIG, GROUP,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		try (Consumer<Object, Object> consumer = this.consumers.createConsumer(GROUP, "tagrelay-webhooks-seed", null,
				toProperties(overrides))) {
			Set<TopicPartition> partitions = consumer.partitionsFor(results, SEED_TIMEOUT)
				.stream()
				.map((info) -> new TopicPartition(results, info.partition()))
				.collect(Collectors.toSet());
			Map<TopicPartition, Long> until = new HashMap<>();
			consumer.committed(partitions, SEED_TIMEOUT).forEach((partition, committed) -> {
				if (committed != null) {
					until.put(partition, committed.offset());
				}
			});
			if (until.isEmpty()) {
				return;
			}
			long since = this.clock.instant().minus(this.topics.maxEventAge()).toEpochMilli();
			consumer.assign(until.keySet());
			Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(
					until.keySet().stream().collect(Collectors.toMap((p) -> p, (p) -> since)), SEED_TIMEOUT);
			until.keySet().forEach((partition) -> {
				OffsetAndTimestamp start = from.get(partition);
				consumer.seek(partition, (start != null) ? start.offset() : until.get(partition));
			});
			read(consumer, until);
		}
	}

	private void read(Consumer<Object, Object> consumer, Map<TopicPartition, Long> until) {
		long deadline = System.nanoTime() + SEED_TIMEOUT.toNanos();
		int seeded = 0;
		while (until.keySet().stream().anyMatch((p) -> consumer.position(p) < until.get(p))
				&& System.nanoTime() < deadline) {
			for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				if (record.offset() < until.get(partition) && record.value() instanceof byte[] value) {
					seeded += seed(value);
				}
			}
		}
		logger.info("Read " + seeded + " webhook(s) already delivered");
	}

	private int seed(byte[] value) {
		try {
			DeploymentOutcome outcome = this.codec.readOutcome(value);
			if (outcome.webhookType() == null) {
				return 0;
			}
			this.delivered.put(WebhookNotifier.webhookId(outcome), this.clock.instant());
			return 1;
		}
		catch (InvalidInputException ex) {
			return 0;
		}
	}

	private static Properties toProperties(Map<String, Object> overrides) {
		Properties properties = new Properties();
		properties.putAll(overrides);
		return properties;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
