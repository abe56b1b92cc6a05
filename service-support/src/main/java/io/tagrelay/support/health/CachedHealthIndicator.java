package io.tagrelay.support.health;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A readiness check of a dependency (Kafka, the API server) whose answer is kept for a
 * few seconds, so that frequent probes of several replicas do not hammer it.
 */
public abstract class CachedHealthIndicator implements HealthIndicator {

	private static final Duration CACHE = Duration.ofSeconds(5);

	private Health last;

	private long lastAt;

	@Override
	public final synchronized Health health() {
		if (this.last == null || System.nanoTime() - this.lastAt > CACHE.toNanos()) {
			this.last = check();
			this.lastAt = System.nanoTime();
		}
		return this.last;
	}

	/**
	 * Asks the dependency.
	 * @return up or down, with details that carry no secret
	 */
	protected abstract Health check();

}
