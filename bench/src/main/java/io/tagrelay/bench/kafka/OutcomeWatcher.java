package io.tagrelay.bench.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the worker's outcomes from the results topic, from its end at the time of start,
 * and completes a future per event id with the outcome and the moment it was read.
 */
public final class OutcomeWatcher implements AutoCloseable {

	private final Map<String, CompletableFuture<Seen>> seen = new ConcurrentHashMap<>();

	private final EventCodec codec = new EventCodec();

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread poller;

	private volatile boolean running = true;

	/**
	 * Starts reading.
	 * @param bootstrapServers the broker
	 * @param topic the results topic
	 */
	public OutcomeWatcher(String bootstrapServers, String topic) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(30))
			.stream()
			.map((p) -> new TopicPartition(topic, p.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
		this.poller = new Thread(this::poll, "outcome-watcher");
		this.poller.setDaemon(true);
		this.poller.start();
	}

	private void poll() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					DeploymentOutcome outcome = this.codec.readOutcome(record.value());
					outcome(outcome.eventId()).complete(new Seen(outcome, System.nanoTime()));
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close();
		}
	}

	/**
	 * The outcome of an event (the first one, for an event that concerns one container).
	 * @param eventId the event
	 * @return completed when it is read
	 */
	public CompletableFuture<Seen> outcome(String eventId) {
		return this.seen.computeIfAbsent(eventId, (id) -> new CompletableFuture<>());
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.poller.join(5000);
	}

	/**
	 * An outcome as read.
	 *
	 * @param outcome the outcome
	 * @param nanos when it was read ({@link System#nanoTime()})
	 */
	public record Seen(DeploymentOutcome outcome, long nanos) {
	}

}
