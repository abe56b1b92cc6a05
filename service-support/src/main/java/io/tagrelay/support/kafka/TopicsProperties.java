package io.tagrelay.support.kafka;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.validation.annotation.Validated;

/**
 * tagrelay's topics and how they are declared ({@code tagrelay.kafka.*}), the same for
 * both services; which service writes, reads and declares each topic is in
 * {@code docs/contracts.md}.
 *
 * @param topics the topic names
 * @param createTopics whether a service creates a topic it needs that is missing (with
 * the settings below); when false, a missing topic stops its start-up, naming the topic.
 * An existing topic is always used as it is: tagrelay never adds partitions to a topic,
 * which would move keys (repositories) to other partitions
 * @param partitions partitions of a topic tagrelay creates
 * @param replicationFactor replication factor of a topic tagrelay creates, -1 for the
 * broker's default
 * @param eventsBatchSize the most events one poll hands to the worker; pushes for one
 * repository within a poll are collapsed into one update
 * @param maxEventAge the age (since the ingest accepted it) past which the worker does
 * not apply an event: a lost or reset offset that replays old events must not downgrade a
 * Deployment to an old image request, nor re-send old webhooks
 */
@ConfigurationProperties("tagrelay.kafka")
@Validated
public record TopicsProperties(@Valid @DefaultValue Topics topics, @DefaultValue("true") boolean createTopics,
		@DefaultValue("6") @Min(1) int partitions, @DefaultValue("-1") @Min(-1) int replicationFactor,
		@DefaultValue("200") @Min(1) @Max(10000) int eventsBatchSize,
		@DefaultValue("1h") @DurationMin(seconds = 1) Duration maxEventAge) {

	/**
	 * The bean's name, as Spring Boot names a {@code @ConfigurationProperties} bean
	 * ({@code <prefix>-<class>}), for the expressions below.
	 */
	private static final String BEAN = "@'tagrelay.kafka-io.tagrelay.support.kafka.TopicsProperties'";

	/** {@code @KafkaListener(topics = EVENTS)}: the events topic's name. */
	public static final String EVENTS = "#{" + BEAN + ".topics().events()}";

	/** {@code @KafkaListener(topics = RESULTS)}: the results topic's name. */
	public static final String RESULTS = "#{" + BEAN + ".topics().results()}";

	/** {@code @KafkaListener(topics = STATE)}: the state topic's name. */
	public static final String STATE = "#{" + BEAN + ".topics().state()}";

	/** {@code @KafkaListener(properties = ...)}: the events batch size. */
	public static final String EVENTS_BATCH_SIZE = "#{" + BEAN + ".eventsBatchSize()}";

	/**
	 * The events topic as tagrelay creates it when it is missing.
	 * @return its settings
	 */
	public NewTopic eventsTopic() {
		return newTopic(this.topics.events()).build();
	}

	/**
	 * The events dead-letter topic as tagrelay creates it when it is missing.
	 * @return its settings
	 */
	public NewTopic eventsDltTopic() {
		return newTopic(this.topics.eventsDlt()).build();
	}

	/**
	 * The results topic as tagrelay creates it when it is missing.
	 * @return its settings
	 */
	public NewTopic resultsTopic() {
		return newTopic(this.topics.results()).build();
	}

	/**
	 * The state topic as tagrelay creates it when it is missing: compacted, so that the
	 * last state of every container stays.
	 * @return its settings
	 */
	public NewTopic stateTopic() {
		return newTopic(this.topics.state())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

	/**
	 * The webhooks dead-letter topic as tagrelay creates it when it is missing.
	 * @return its settings
	 */
	public NewTopic webhooksDltTopic() {
		return newTopic(this.topics.webhooksDlt()).build();
	}

	/**
	 * A topic as tagrelay creates it when it is missing. Every topic's settings are here,
	 * so that whichever service creates a topic creates it alike.
	 * @param name the topic
	 * @return its builder, with the configured partitions and replication factor
	 */
	private TopicBuilder newTopic(String name) {
		TopicBuilder topic = TopicBuilder.name(name).partitions(this.partitions);
		if (this.replicationFactor > 0) {
			topic.replicas(this.replicationFactor);
		}
		return topic;
	}

	/**
	 * {@code tagrelay.kafka.topics.*}.
	 *
	 * @param events the deploy events: written by the ingest, consumed by the worker
	 * @param eventsDlt events the worker could not handle, with the reason
	 * @param results the outcomes the worker publishes
	 * @param state the compacted topic of the managed containers' images
	 * @param webhooksDlt outcomes whose webhook could not be delivered
	 */
	public record Topics(@NotBlank @DefaultValue("tagrelay.events") String events,
			@NotBlank @DefaultValue("tagrelay.events.dlt") String eventsDlt,
			@NotBlank @DefaultValue("tagrelay.results") String results,
			@NotBlank @DefaultValue("tagrelay.state") String state,
			@NotBlank @DefaultValue("tagrelay.webhooks.dlt") String webhooksDlt) {
	}

}
