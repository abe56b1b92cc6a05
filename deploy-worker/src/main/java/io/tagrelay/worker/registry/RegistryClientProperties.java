package io.tagrelay.worker.registry;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker's registry client talks to registries ({@code tagrelay.registry.*}).
 *
 * @param timeout how long one request may take before it counts as a failure (and is
 * retried)
 * @param connectTimeout how long connecting may take
 * @param retry the backoff of requests a later attempt may answer
 * @param outageBudget how long a registry out of reach is waited for, the lookup tried
 * again at the longest backoff interval, when a target's {@code registry.verify} is
 * {@code required}, before the tag is refused: an outage of a few minutes delays such a
 * deployment, it does not fail it
 * @param tagPageSize the page size a tag list asks for ({@code n}); registries answer
 * smaller pages when they page at less (Quay at 100)
 * @param maxTagPages the most pages of one repository's tag list a scan reads
 */
@ConfigurationProperties("tagrelay.registry")
@Validated
public record RegistryClientProperties(@DefaultValue("10s") @DurationMin(millis = 1) Duration timeout,
		@DefaultValue("5s") @DurationMin(millis = 1) Duration connectTimeout, @Valid @DefaultValue Retry retry,
		@DefaultValue("5m") @DurationMin(millis = 1) Duration outageBudget,
		@DefaultValue("1000") @Min(1) @Max(10000) int tagPageSize,
		@DefaultValue("100") @Min(1) @Max(10000) int maxTagPages) {

	/**
	 * {@code tagrelay.registry.retry.*}: the exponential backoff of requests that got no
	 * answer, {@code 408}, {@code 429} or {@code 5xx}. A {@code Retry-After} the registry
	 * sends replaces the interval, up to {@code max-retry-after}.
	 *
	 * @param maxAttempts attempts of one lookup, the first included
	 * @param initialInterval the wait before the second attempt
	 * @param multiplier the factor by which each wait grows
	 * @param maxInterval the longest wait between two attempts
	 * @param maxRetryAfter the longest {@code Retry-After} waited for
	 */
	public record Retry(@DefaultValue("4") @Min(1) @Max(100) int maxAttempts,
			@DefaultValue("500ms") @DurationMin(millis = 1) Duration initialInterval,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
			@DefaultValue("10s") @DurationMin(millis = 1) Duration maxInterval,
			@DefaultValue("1m") @DurationMin(millis = 1) Duration maxRetryAfter) {
	}

}
