package io.tagrelay.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads a topic from the moment it is opened, and writes records as the worker would.
 */
public final class KafkaProbe implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final String bootstrapServers;

	private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

	private KafkaProbe(String bootstrapServers, String topic) {
		this.bootstrapServers = bootstrapServers;
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(10))
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
	}

	/**
	 * Starts reading a topic at its current end.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return the probe
	 */
	public static KafkaProbe reading(String bootstrapServers, String topic) {
		return new KafkaProbe(bootstrapServers, topic);
	}

	/**
	 * Polls until a record matches.
	 * @param match the record wanted
	 * @param timeout how long to poll
	 * @return every record read so far, up to and including the match
	 */
	public List<ConsumerRecord<String, byte[]>> until(Predicate<ConsumerRecord<String, byte[]>> match,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
				this.seen.add(record);
				if (match.test(record)) {
					return List.copyOf(this.seen);
				}
			}
		}
		throw new AssertionError("no matching record within " + timeout + "; read " + this.seen.size());
	}

	/**
	 * Writes a record and waits for the acknowledgement.
	 * @param topic the topic
	 * @param key the key
	 * @param value the value
	 */
	public static void send(String bootstrapServers, String topic, String key, byte[] value) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
