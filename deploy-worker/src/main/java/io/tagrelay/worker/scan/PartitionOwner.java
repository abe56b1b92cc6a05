package io.tagrelay.worker.scan;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;

import io.tagrelay.worker.consume.EventsAssignment;
import org.apache.kafka.common.utils.Utils;

/**
 * Whether this replica owns a repository's partition of the events topic: the partition
 * the producers' default partitioner (murmur2 of the key) puts the repository's events
 * on, so that exactly one replica scans each repository and its scans queue behind its
 * webhooks' events.
 */
class PartitionOwner {

	private final EventsAssignment assignment;

	private final PartitionCount partitions;

	PartitionOwner(EventsAssignment assignment, PartitionCount partitions) {
		this.assignment = assignment;
		this.partitions = partitions;
	}

	/**
	 * Which repositories this replica owns now: the assignment and the partition count
	 * read once, for one round of checks.
	 * @return whether a repository (the events' key) has its partition assigned here
	 */
	Predicate<String> now() {
		int count = this.partitions.count();
		Set<Integer> assigned = this.assignment.partitions();
		return (repository) -> count > 0 && assigned.contains(partition(repository, count));
	}

	/**
	 * The partition a key goes to under Kafka's default partitioner.
	 * @param key the key
	 * @param partitions the topic's partition count
	 * @return the partition
	 */
	static int partition(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	/**
	 * The events topic's partition count.
	 */
	@FunctionalInterface
	interface PartitionCount {

		/**
		 * The count.
		 * @return the number of partitions, 0 if unknown
		 */
		int count();

	}

}
