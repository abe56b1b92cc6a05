package io.tagrelay.worker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.testing.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * The worker's topics as a system test sees them: events sent as the ingest sends them
 * (keyed by repository, written with the model's codec), and every record the worker
 * wrote, read from the beginning and decoded.
 */
public final class WorkerTopics implements AutoCloseable {

	/** The events topic. */
	public static final String EVENTS = "tagrelay.events";

	/** The dead letters of the events topic. */
	public static final String EVENTS_DLT = "tagrelay.events.dlt";

	/** The outcomes. */
	public static final String RESULTS = "tagrelay.results";

	private static final String STATE = "tagrelay.state";

	private static final String WEBHOOKS_DLT = "tagrelay.webhooks.dlt";

	private final EventCodec codec = new EventCodec();

	private final KafkaTemplate<String, byte[]> kafka;

	private final TopicReader reader;

	/**
	 * Starts reading what the worker writes.
	 * @param bootstrapServers the broker
	 * @param kafka sends the events
	 */
	public WorkerTopics(String bootstrapServers, KafkaTemplate<String, byte[]> kafka) {
		this.kafka = kafka;
		this.reader = TopicReader.fromBeginning(bootstrapServers, RESULTS, STATE, EVENTS_DLT, WEBHOOKS_DLT);
	}

	/**
	 * A push of a repository's tags, as the ingest enqueues it.
	 * @param repository the repository
	 * @param tags the pushed tags
	 * @return the event
	 */
	public static RegistryPush push(String repository, String... tags) {
		return new RegistryPush(EventIds.next(), repository, List.of(tags), "quay", Instant.now());
	}

	/**
	 * Sends an event and waits for the broker's acknowledgement.
	 * @param event the event
	 */
	public void send(DeployEvent event) {
		this.kafka.send(EVENTS, event.repository(), this.codec.write(event)).join();
	}

	/**
	 * The outcomes of an event read so far.
	 * @param event the event
	 * @return its outcomes
	 */
	public List<DeploymentOutcome> outcomes(DeployEvent event) {
		return outcomes(Set.of(event.eventId()));
	}

	/**
	 * The outcomes of events read so far.
	 * @param eventIds the events
	 * @return their outcomes, in the order read
	 */
	public List<DeploymentOutcome> outcomes(Set<String> eventIds) {
		return this.reader.values(RESULTS, this.codec::readOutcome)
			.stream()
			.filter((outcome) -> eventIds.contains(outcome.eventId()))
			.toList();
	}

	/**
	 * The states of a target read so far.
	 * @param key the target's key, {@code namespace/deployment/container}
	 * @return its states, oldest first
	 */
	public List<TargetState> states(String key) {
		return this.reader.records(STATE)
			.stream()
			.filter((record) -> record.key().equals(key))
			.map((record) -> this.codec.readState(record.value()))
			.toList();
	}

	/**
	 * The webhooks of a target given up and dead-lettered.
	 * @param key the target's key
	 * @return the dead letters
	 */
	public List<ConsumerRecord<String, byte[]>> webhookDeadLetters(String key) {
		return this.reader.records(WEBHOOKS_DLT).stream().filter((r) -> key.equals(r.key())).toList();
	}

	/**
	 * Every record of a topic read so far.
	 * @param topic the topic
	 * @return the records
	 */
	public List<ConsumerRecord<String, byte[]>> records(String topic) {
		return this.reader.records(topic);
	}

	/**
	 * The model's codec.
	 * @return the codec
	 */
	public EventCodec codec() {
		return this.codec;
	}

	/**
	 * The last value of a record's header, as text.
	 * @param record the record
	 * @param name the header
	 * @return its value
	 */
	public static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.reader.close();
	}

}
