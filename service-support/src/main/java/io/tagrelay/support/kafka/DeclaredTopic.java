package io.tagrelay.support.kafka;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic a service writes or reads, declared as a bean. {@link KafkaTopics} creates it
 * with these settings when it is missing (and {@code tagrelay.kafka.create-topics}
 * allows), and otherwise uses it as it is. Spring Kafka's {@code NewTopic} beans are not
 * used for tagrelay's topics: {@code KafkaAdmin} adds partitions to an existing topic
 * that has fewer than declared, which moves keys to other partitions.
 *
 * @param settings the topic's name and the settings it is created with
 * @param consumers how many consumers of this service share the topic in one group (a
 * topic with fewer partitions leaves some idle, which is warned about); 0 when the
 * service reads every partition with one consumer, or only writes the topic
 */
public record DeclaredTopic(NewTopic settings, int consumers) {

	/**
	 * A topic the service writes, or reads with one consumer that takes every partition.
	 * @param settings the topic
	 * @return the declaration
	 */
	public static DeclaredTopic of(NewTopic settings) {
		return new DeclaredTopic(settings, 0);
	}

	/**
	 * A topic the service consumes as a group.
	 * @param settings the topic
	 * @param consumers the consumers of the group in one replica of the service
	 * @return the declaration
	 */
	public static DeclaredTopic consumedBy(NewTopic settings, int consumers) {
		return new DeclaredTopic(settings, consumers);
	}

	/**
	 * The topic's name.
	 * @return the name
	 */
	public String name() {
		return this.settings.name();
	}

}
