package io.tagrelay.ingest.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * The ingest's rate limiters (Resilience4j's {@link AtomicRateLimiter}, whose metrics
 * tell how long until the next permit, for {@code Retry-After}): one per client, whose
 * names come from the configuration only, and one per source address that failed
 * authentication, in a cache bounded by {@code tagrelay.ingest.rate-limit.max-addresses},
 * each forgotten a period after its address was last seen.
 */
class RateLimits {

	private final RateLimiterConfig perClient;

	private final RateLimiterConfig failedAuth;

	private final Map<String, AtomicRateLimiter> clients = new ConcurrentHashMap<>();

	private final Cache<String, AtomicRateLimiter> addresses;

	RateLimits(RateLimitProperties properties) {
		this.perClient = config(properties.perClient().limit(), properties.perClient().period());
		this.failedAuth = config(properties.failedAuthPerAddress().limit(), properties.failedAuthPerAddress().period());
		this.addresses = Caffeine.newBuilder()
			.maximumSize(properties.maxAddresses())
			.expireAfterAccess(properties.failedAuthPerAddress().period())
			.build();
	}

	/**
	 * Takes one of a client's permits.
	 * @param client the client's name
	 * @return null if it had one, else how long until it has
	 */
	Duration request(String client) {
		AtomicRateLimiter limiter = this.clients.computeIfAbsent(client,
				(name) -> new AtomicRateLimiter(name, this.perClient));
		return limiter.acquirePermission() ? null : waitOf(limiter);
	}

	/**
	 * Whether an address failed authentication too often lately.
	 * @param address the source address
	 * @return null if it may try, else how long until it may
	 */
	Duration blocked(String address) {
		AtomicRateLimiter limiter = this.addresses.getIfPresent(address);
		if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
			return null;
		}
		return waitOf(limiter);
	}

	/**
	 * Counts a failed authentication of an address.
	 * @param address the source address
	 */
	void failed(String address) {
		this.addresses.get(address, (key) -> new AtomicRateLimiter("failed-auth", this.failedAuth)).acquirePermission();
	}

	/**
	 * How many addresses are remembered.
	 * @return at most {@code tagrelay.ingest.rate-limit.max-addresses}
	 */
	long addressesTracked() {
		this.addresses.cleanUp();
		return this.addresses.estimatedSize();
	}

	private static Duration waitOf(AtomicRateLimiter limiter) {
		long nanos = limiter.getDetailedMetrics().getNanosToWait();
		return (nanos > 0) ? Duration.ofNanos(nanos) : limiter.getRateLimiterConfig().getLimitRefreshPeriod();
	}

	private static RateLimiterConfig config(int limit, Duration period) {
		return RateLimiterConfig.custom()
			.limitForPeriod(limit)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.build();
	}

}
