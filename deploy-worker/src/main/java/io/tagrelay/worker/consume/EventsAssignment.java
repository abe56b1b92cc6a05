package io.tagrelay.worker.consume;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The partitions of the events topic this replica's consumers own now.
 */
@Component
public class EventsAssignment {

	private final KafkaListenerEndpointRegistry listeners;

	EventsAssignment(KafkaListenerEndpointRegistry listeners) {
		this.listeners = listeners;
	}

	/**
	 * The events partitions assigned to this replica.
	 * @return their numbers, empty while the consumers are stopped or rebalancing
	 */
	public Set<Integer> partitions() {
		MessageListenerContainer container = this.listeners.getListenerContainer(EventListener.ID);
		if (container == null || !container.isRunning()) {
			return Set.of();
		}
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		return (assigned == null) ? Set.of()
				: assigned.stream().map(TopicPartition::partition).collect(Collectors.toUnmodifiableSet());
	}

}
