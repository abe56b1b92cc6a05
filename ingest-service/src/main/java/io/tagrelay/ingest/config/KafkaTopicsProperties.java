package io.tagrelay.ingest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topics the ingest uses ({@code tagrelay.kafka.*}); names as in
 * {@code docs/contracts.md}.
 *
 * @param topics the topic names
 * @param partitions partitions of the topics the ingest declares
 * @param replicationFactor their replication factor, -1 for the broker's default
 */
@ConfigurationProperties("tagrelay.kafka")
@Validated
public record KafkaTopicsProperties(@Valid @DefaultValue Topics topics, @DefaultValue("6") @Min(1) int partitions,
		@DefaultValue("-1") int replicationFactor) {

	/**
	 * {@code tagrelay.kafka.topics.*}.
	 *
	 * @param events where the ingest writes deploy events
	 * @param results where the worker writes outcomes
	 * @param state the compacted topic of the managed containers' state
	 */
	public record Topics(@NotBlank @DefaultValue("tagrelay.events") String events,
			@NotBlank @DefaultValue("tagrelay.results") String results,
			@NotBlank @DefaultValue("tagrelay.state") String state) {
	}

}
