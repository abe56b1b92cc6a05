package io.tagrelay.ingest.ratelimit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ingest's rate limits ({@code tagrelay.ingest.rate-limit.*}). The defaults never
 * bother a registry (which sends a webhook per push) or a CI step, and stop a flood.
 *
 * @param perClient how many requests each client (a configured one, the global tokens'
 * {@code default}, a source's own proof) may make
 * @param failedAuthPerAddress how many failed authentications a source address may have;
 * beyond, every request of it is refused until the period is over, a good token's too
 * @param maxAddresses the most addresses whose failures are remembered at a time (the
 * least recently seen are forgotten first), so that a flood from many addresses cannot
 * grow the ingest's memory
 */
@ConfigurationProperties("tagrelay.ingest.rate-limit")
@Validated
public record RateLimitProperties(@DefaultValue @Valid PerClient perClient,
		@DefaultValue @Valid FailedAuthPerAddress failedAuthPerAddress,
		@DefaultValue("10000") @Min(1) @Max(10_000_000) int maxAddresses) {

	/**
	 * {@code tagrelay.ingest.rate-limit.per-client.*}: at most {@code limit} requests in
	 * each {@code period} (so also a burst of {@code limit} at once).
	 *
	 * @param limit the requests per period
	 * @param period the period
	 */
	public record PerClient(@DefaultValue("20") @Min(1) int limit,
			@DefaultValue("1s") @DurationMin(millis = 1) Duration period) {
	}

	/**
	 * {@code tagrelay.ingest.rate-limit.failed-auth-per-address.*}: at most {@code limit}
	 * failed authentications in each {@code period}.
	 *
	 * @param limit the failures per period
	 * @param period the period
	 */
	public record FailedAuthPerAddress(@DefaultValue("10") @Min(1) int limit,
			@DefaultValue("1m") @DurationMin(millis = 1) Duration period) {
	}

}
