package io.tagrelay.worker.config;

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
 * How the worker talks to the API server ({@code tagrelay.cluster.*}).
 *
 * @param requestTimeout how long one API request may take before it counts as a failure
 * (and is retried)
 * @param retry the backoff of retried API calls
 * @param concurrentUpdates how many containers the worker updates, and awaits the rollout
 * of, at once (the repositories of a poll are handled side by side, and so are the
 * targets that follow one repository, each by a pool of this many threads)
 * @param outageBudget how long an API server that does not answer (or answers 5xx, 429)
 * is waited for, the calls retried at the longest backoff interval, before the update is
 * reported failed: an outage of a few minutes delays deployments, it does not fail them
 * @param watchScope how the worker watches the managed Deployments: each by name (what a
 * Role that names them grants), or one watch of each namespace that holds any (fewer
 * connections, and less memory with many targets, but the Role must grant {@code list}
 * and {@code watch} of every Deployment there)
 */
@ConfigurationProperties("tagrelay.cluster")
@Validated
public record ClusterProperties(@DefaultValue("10s") @DurationMin(millis = 1) Duration requestTimeout,
		@Valid @DefaultValue Retry retry, @DefaultValue("16") @Min(1) @Max(256) int concurrentUpdates,
		@DefaultValue("5m") @DurationMin(millis = 1) Duration outageBudget,
		@DefaultValue("deployment") WatchScope watchScope) {

	/**
	 * {@code tagrelay.cluster.watch-scope}: what one watch of the worker covers.
	 */
	public enum WatchScope {

		/**
		 * One watch per managed Deployment, by name.
		 */
		DEPLOYMENT,

		/**
		 * One watch per namespace that holds managed Deployments; the events of the other
		 * Deployments there are ignored.
		 */
		NAMESPACE

	}

	/**
	 * {@code tagrelay.cluster.retry.*}: the exponential backoff of API calls that failed
	 * in a way a later attempt may fix (no answer in time, 429, 5xx), and of the re-read
	 * and re-patch after a conflict (409, failed {@code test} op).
	 *
	 * @param maxAttempts attempts of one call, the first included
	 * @param initialInterval the wait before the second attempt
	 * @param multiplier the factor by which each wait grows
	 * @param maxInterval the longest wait between two attempts
	 */
	public record Retry(@DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
			@DefaultValue("500ms") @DurationMin(millis = 1) Duration initialInterval,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
			@DefaultValue("10s") @DurationMin(millis = 1) Duration maxInterval) {
	}

}
