package io.tagrelay.support.health;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * A readiness check of a dependency (Kafka, the API server) whose UP answer is kept for a
 * few seconds, so that frequent probes of several replicas do not hammer it. A DOWN
 * answer is never kept: the next probe asks again, so that a service turns ready as soon
 * as its dependency answers (at start-up, the first probe often comes before the topics
 * have been checked), and a probe never reports a dependency that has come back as down.
 * <p>
 * The first check runs when the context starts, on a thread of its own, before the other
 * lifecycles (the web servers, the listener containers, the watches) and while they
 * start, so that the first readiness probe finds its answer kept instead of waiting for a
 * cold client's first request (an admin client's first call, the first call to the API
 * server).
 */
public abstract class CachedHealthIndicator implements HealthIndicator, SmartLifecycle {

	/** How long an UP answer is kept. */
	public static final Duration CACHE = Duration.ofSeconds(5);

	private final LongSupplier nanoTime;

	private Health last;

	private long lastAt;

	private volatile boolean running;

	protected CachedHealthIndicator() {
		this(System::nanoTime);
	}

	/**
	 * Creates the indicator with a clock of its own.
	 * @param nanoTime the monotonic clock, {@link System#nanoTime()} in production
	 */
	protected CachedHealthIndicator(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	@Override
	public final synchronized Health health() {
		long now = this.nanoTime.getAsLong();
		if (this.last == null || now - this.lastAt > CACHE.toNanos()) {
			Health answer = check();
			if (!Status.UP.equals(answer.getStatus())) {
				this.last = null;
				return answer;
			}
			this.last = answer;
			this.lastAt = now;
		}
		return this.last;
	}

	@Override
	public void start() {
		this.running = true;
		Thread first = new Thread(this::health, "first-check-" + getClass().getSimpleName());
		first.setDaemon(true);
		first.start();
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	/**
	 * Asks the dependency.
	 * @return up or down, with details that carry no secret
	 */
	protected abstract Health check();

}
