package io.tagrelay.ingest.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Target;
import io.tagrelay.support.kafka.KafkaTopics;
import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * This replica's in-memory view of the compacted state topic, which the worker keeps up
 * to date. Every replica reads the whole topic (its own consumer group, from the
 * beginning, never committing), so any of them can answer the GET endpoints. Partitions
 * added to the topic later are assigned within seconds
 * ({@link KafkaTopics#SEE_NEW_PARTITIONS}).
 */
@Component
public class TargetStateView extends AbstractConsumerSeekAware {

	private static final Log logger = LogFactory.getLog(TargetStateView.class);

	private final Map<String, TargetState> states = new ConcurrentHashMap<>();

	private final EventCodec codec = new EventCodec();

	/**
	 * The last state the worker published for a container.
	 * @param target the container
	 * @return the state, or empty if none has arrived yet
	 */
	public Optional<TargetState> find(TargetRef target) {
		return Optional.ofNullable(this.states.get(target.key()));
	}

	/**
	 * The states of the containers a target manages.
	 * @param target a configured target
	 * @return the known states, sorted by key
	 */
	public List<TargetState> of(Target target) {
		return this.states.values()
			.stream()
			.filter((state) -> target.covers(state.target().namespace(), state.target().deployment(),
					state.target().container()))
			.sorted((a, b) -> a.target().key().compareTo(b.target().key()))
			.toList();
	}

	@KafkaListener(id = "tagrelay-ingest-state", topics = TopicsProperties.STATE,
			groupId = "tagrelay-ingest-state-${random.uuid}", properties = KafkaTopics.SEE_NEW_PARTITIONS)
	void onState(ConsumerRecord<String, byte[]> record) {
		if (record.key() == null) {
			return;
		}
		if (record.value() == null) {
			this.states.remove(record.key());
			return;
		}
		try {
			TargetState state = this.codec.readState(record.value());
			this.states.put(state.target().key(), state);
		}
		catch (InvalidInputException ex) {
			logger.warn("Ignoring unreadable state record " + record.key() + "@" + record.offset() + ": "
					+ ex.getMessage());
		}
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		callback.seekToBeginning(assignments.keySet());
	}

}
