package io.tagrelay.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a topic holds, read from its beginning to its end with a real consumer (no group,
 * nothing committed): the events the ingest enqueued, the outcomes the worker published.
 */
final class Records {

	private static final EventCodec CODEC = new EventCodec();

	private Records() {
	}

	static List<DeployEvent> events(String bootstrapServers) {
		return read(bootstrapServers, "tagrelay.events", CODEC::readEvent);
	}

	static List<DeploymentOutcome> outcomes(String bootstrapServers) {
		return read(bootstrapServers, "tagrelay.results", CODEC::readOutcome);
	}

	/**
	 * Every record of the topic, partition by partition, each in its partition's order.
	 */
	private static <T> List<T> read(String bootstrapServers, String topic, Function<byte[], T> decode) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			List<T> read = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch((tp) -> consumer.position(tp) < ends.get(tp))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("could not read " + topic + " to its end " + ends);
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					read.add(decode.apply(record.value()));
				}
			}
			return read;
		}
	}

}
