package io.tagrelay.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics in the background with a real consumer and keeps every record, with the
 * moment it was read, for a test to assert on or await: from the beginning of the topics,
 * or from their end when the reader was opened. {@link #readAll} reads a topic from its
 * beginning to its current end once.
 */
public final class TopicReader implements AutoCloseable {

	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<Read> reads = new CopyOnWriteArrayList<>();

	private final List<Index<?>> indexes = new CopyOnWriteArrayList<>();

	private final Thread poller;

	private TopicReader(KafkaConsumer<String, byte[]> consumer) {
		this.consumer = consumer;
		this.poller = new Thread(this::poll, "topic-reader");
		this.poller.setDaemon(true);
		this.poller.start();
	}

	/**
	 * Reads topics from their beginning, in a consumer group of its own (so a topic
	 * created later is read too).
	 * @param bootstrapServers the broker
	 * @param topics the topics
	 * @return the reader
	 */
	public static TopicReader fromBeginning(String bootstrapServers, String... topics) {
		KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers, Map.of(ConsumerConfig.GROUP_ID_CONFIG,
				"topic-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
		consumer.subscribe(List.of(topics));
		return new TopicReader(consumer);
	}

	/**
	 * Reads topics from their end as it is now: only records written after this returns.
	 * @param bootstrapServers the broker
	 * @param topics the topics, which must exist
	 * @return the reader
	 */
	public static TopicReader fromEnd(String bootstrapServers, String... topics) {
		KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers, Map.of());
		List<TopicPartition> partitions = partitions(consumer, topics);
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		// seekToEnd is lazy: resolve the positions now, before anything is written
		partitions.forEach(consumer::position);
		return new TopicReader(consumer);
	}

	/**
	 * Every record a topic holds now, from its beginning to its end, without a consumer
	 * group (nothing committed), partition by partition, each in its partition's order.
	 * @param <T> the decoded type
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param decode decodes a record's value, e.g. with the model's {@code EventCodec}
	 * @return the decoded values
	 */
	public static <T> List<T> readAll(String bootstrapServers, String topic, Function<byte[], T> decode) {
		try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers,
				Map.of(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false))) {
			List<TopicPartition> partitions = partitions(consumer, topic);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
			List<T> read = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch((tp) -> consumer.position(tp) < ends.get(tp))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("could not read " + topic + " to its end " + ends);
				}
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> read.add(decode.apply(record.value())));
			}
			return read;
		}
	}

	/**
	 * Every record read so far, in the order read.
	 * @return the records
	 */
	public List<ConsumerRecord<String, byte[]>> records() {
		return this.reads.stream().map(Read::record).toList();
	}

	/**
	 * The records of a topic read so far, in the order read.
	 * @param topic the topic
	 * @return the records
	 */
	public List<ConsumerRecord<String, byte[]>> records(String topic) {
		return this.reads.stream().map(Read::record).filter((record) -> record.topic().equals(topic)).toList();
	}

	/**
	 * The values of a topic's records read so far, decoded.
	 * @param <T> the decoded type
	 * @param topic the topic
	 * @param decode decodes a value, e.g. {@code codec::readOutcome}
	 * @return the values, in the order read
	 */
	public <T> List<T> values(String topic, Function<byte[], T> decode) {
		return records(topic).stream().map((record) -> decode.apply(record.value())).toList();
	}

	/**
	 * Waits until a record matches.
	 * @param match the record wanted
	 * @param timeout how long to wait
	 * @return every record read up to and including the first match, in the order read
	 * @throws AssertionError if none matches in time
	 */
	public List<ConsumerRecord<String, byte[]>> until(Predicate<ConsumerRecord<String, byte[]>> match,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		do {
			List<ConsumerRecord<String, byte[]>> read = records();
			for (int i = 0; i < read.size(); i++) {
				if (match.test(read.get(i))) {
					return read.subList(0, i + 1);
				}
			}
			sleep();
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("no matching record within " + timeout + "; read " + this.reads.size());
	}

	/**
	 * An index of the records by a key, with a future per key completed when the first
	 * record with that key is read: for awaiting many records at no cost per record read.
	 * @param <K> the key type
	 * @param key a record's key, e.g. the event id of its decoded value
	 * @return the index, kept up to date from now on (records read before included)
	 */
	public <K> Index<K> index(Function<ConsumerRecord<String, byte[]>, K> key) {
		Index<K> index = new Index<>(key);
		synchronized (this.indexes) {
			this.indexes.add(index);
			this.reads.forEach(index::add);
		}
		return index;
	}

	private void poll() {
		try {
			while (true) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					Read read = new Read(record, System.nanoTime());
					synchronized (this.indexes) {
						this.reads.add(read);
						this.indexes.forEach((index) -> index.add(read));
					}
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(Duration.ofSeconds(1));
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, Map<String, Object> settings) {
		Map<String, Object> config = new HashMap<>(settings);
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String... topics) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			consumer.partitionsFor(topic, METADATA_TIMEOUT)
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		return partitions;
	}

	@Override
	public void close() {
		this.consumer.wakeup();
		try {
			this.poller.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A record as read.
	 *
	 * @param record the record
	 * @param nanos when it was read ({@link System#nanoTime()})
	 */
	public record Read(ConsumerRecord<String, byte[]> record, long nanos) {
	}

}
