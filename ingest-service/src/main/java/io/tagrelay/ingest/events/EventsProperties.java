package io.tagrelay.ingest.events;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much each replica remembers of recent events for {@code GET /events/{eventId}}
 * ({@code tagrelay.ingest.events.*}).
 *
 * @param retention how long an event is remembered after it was accepted or its last
 * outcome arrived; each replica also reads this far back on the events and results topics
 * when it starts, so a restarted replica still knows recent events
 * @param capacity the most events remembered; beyond it the least recently changed is
 * forgotten first
 */
@ConfigurationProperties("tagrelay.ingest.events")
@Validated
public record EventsProperties(@DefaultValue("1h") @DurationMin(seconds = 1) Duration retention,
		@DefaultValue("10000") @Min(1) @Max(1_000_000) int capacity) {
}
