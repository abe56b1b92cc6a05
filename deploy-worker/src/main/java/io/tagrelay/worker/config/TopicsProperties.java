package io.tagrelay.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topics the worker reads and writes ({@code tagrelay.kafka.*}); names as in
 * {@code docs/contracts.md}.
 *
 * @param topics the topic names
 * @param partitions partitions of the topics the worker declares
 * @param replicationFactor their replication factor, -1 for the broker's default
 * @param eventsBatchSize the most events one poll hands to the worker; stale pushes for
 * one repository are collapsed within a poll
 */
@ConfigurationProperties("tagrelay.kafka")
@Validated
public record TopicsProperties(@Valid @DefaultValue Topics topics, @DefaultValue("6") @Min(1) int partitions,
		@DefaultValue("-1") int replicationFactor, @DefaultValue("200") @Min(1) @Max(10000) int eventsBatchSize) {

	/**
	 * {@code tagrelay.kafka.topics.*}.
	 *
	 * @param events the deploy events the worker consumes
	 * @param eventsDlt where events that cannot be handled go
	 * @param results the outcomes the worker publishes
	 * @param state the compacted topic of the managed containers' images
	 * @param webhooksDlt where outcomes whose webhook could not be delivered go
	 */
	public record Topics(@NotBlank @DefaultValue("tagrelay.events") String events,
			@NotBlank @DefaultValue("tagrelay.events.dlt") String eventsDlt,
			@NotBlank @DefaultValue("tagrelay.results") String results,
			@NotBlank @DefaultValue("tagrelay.state") String state,
			@NotBlank @DefaultValue("tagrelay.webhooks.dlt") String webhooksDlt) {
	}

}
