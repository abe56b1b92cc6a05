package io.tagrelay.model.target;

import java.time.Duration;
import java.util.Objects;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * How a target's rollout is awaited ({@code tagrelay.targets[n].rollout}).
 *
 * @param success what counts as done
 * @param maxAttempts how many times the rollout is polled, 10 by default
 * @param initialInterval the wait before the second poll, 1s by default
 * @param multiplier the factor by which each wait grows, 1.5 by default
 * @param maxInterval the longest wait between two polls, 30s by default
 * @param rollbackOnFailure whether to set the previous image back when the rollout fails
 */
public record RolloutPolicy(Success success, @Min(1) @Max(1000) Integer maxAttempts,
		@DurationMin(millis = 1) Duration initialInterval, @DecimalMin("1.0") Double multiplier,
		@DurationMin(millis = 1) Duration maxInterval, boolean rollbackOnFailure) {

	public RolloutPolicy {
		success = Objects.requireNonNullElse(success, Success.COMPLETE);
		maxAttempts = Objects.requireNonNullElse(maxAttempts, 10);
		initialInterval = Objects.requireNonNullElse(initialInterval, Duration.ofSeconds(1));
		multiplier = Objects.requireNonNullElse(multiplier, 1.5);
		maxInterval = Objects.requireNonNullElse(maxInterval, Duration.ofSeconds(30));
	}

	/**
	 * The policy when none is configured.
	 * @return the default policy
	 */
	public static RolloutPolicy defaults() {
		return new RolloutPolicy(null, null, null, null, null, false);
	}

	/**
	 * What counts as a successful rollout.
	 */
	public enum Success {

		/** As {@code kubectl rollout status}: every replica updated and available. */
		COMPLETE,

		/** As updatekate: at least one available replica of the new spec. */
		AVAILABLE

	}

}
