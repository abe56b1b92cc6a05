package io.tagrelay.reliability;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a consumer group stands on a topic, as the broker records it.
 */
final class Offsets {

	private Offsets() {
	}

	/**
	 * How many records of the topic the group has committed, over all partitions.
	 * @return the sum of the committed offsets
	 */
	static long committed(String bootstrapServers, String group, String topic)
			throws InterruptedException, ExecutionException {
		try (Admin admin = admin(bootstrapServers)) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			return offsets.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
				.mapToLong((entry) -> entry.getValue().offset())
				.sum();
		}
	}

	/**
	 * How many records the topic holds, over all partitions.
	 * @return the sum of the end offsets
	 */
	static long end(String bootstrapServers, String topic) throws InterruptedException, ExecutionException {
		try (Admin admin = admin(bootstrapServers)) {
			Set<TopicPartition> partitions = admin.describeTopics(Set.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.stream()
				.map((partition) -> new TopicPartition(topic, partition.partition()))
				.collect(Collectors.toSet());
			return admin
				.listOffsets(partitions.stream().collect(Collectors.toMap((tp) -> tp, (tp) -> OffsetSpec.latest())))
				.all()
				.get()
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
		}
	}

	private static Admin admin(String bootstrapServers) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

}
