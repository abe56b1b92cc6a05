package io.tagrelay.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning in the background and keeps every record, for
 * assertions.
 */
public final class TopicRecorder implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();

	private final Thread thread;

	public TopicRecorder(String bootstrapServers, String... topics) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"recorder-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		this.consumer.subscribe(List.of(topics));
		this.thread = new Thread(this::poll, "topic-recorder");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	public List<ConsumerRecord<String, byte[]>> records(String topic) {
		return this.records.stream().filter((r) -> r.topic().equals(topic)).toList();
	}

	private void poll() {
		try {
			while (true) {
				this.consumer.poll(Duration.ofMillis(100)).forEach(this.records::add);
			}
		}
		catch (WakeupException ex) {
			this.consumer.close();
		}
	}

	@Override
	public void close() {
		this.consumer.wakeup();
	}

}
