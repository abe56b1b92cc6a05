package io.tagrelay.worker.cluster;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Waits out a peer that is out of reach (the API server, a registry): an attempt is made
 * again, at a fixed interval, for as long as it says so and the budget lasts, counted
 * from its first failure. Each wait is a {@link Handling} pause, so that it ends at once
 * when the poll it works for is abandoned.
 */
public final class OutageBudget {

	private static final Log logger = LogFactory.getLog(OutageBudget.class);

	private final String peer;

	private final Duration budget;

	private final Duration interval;

	private final Function<RuntimeException, String> describe;

	/**
	 * An outage budget.
	 * @param peer names the peer in the log, e.g. {@code API server}
	 * @param budget how long a peer out of reach is waited for
	 * @param interval the wait between two attempts
	 * @param describe what the log says of an outage
	 */
	public OutageBudget(String peer, Duration budget, Duration interval, Function<RuntimeException, String> describe) {
		this.peer = peer;
		this.budget = budget;
		this.interval = interval;
		this.describe = describe;
	}

	/**
	 * Runs an attempt again while it fails with an outage, within the budget.
	 * @param <T> the result type
	 * @param attempt the attempt
	 * @param outage whether a failure says the peer is out of reach
	 * @param spent what to throw for the last outage once the budget is spent
	 * @return the first result
	 * @throws RuntimeException a failure that is no outage, as thrown, or what
	 * {@code spent} makes of the last outage
	 */
	public <T> T call(Supplier<T> attempt, Predicate<RuntimeException> outage,
			Function<RuntimeException, RuntimeException> spent) {
		long start = System.nanoTime();
		while (true) {
			try {
				return attempt.get();
			}
			catch (RuntimeException ex) {
				if (!outage.test(ex)) {
					throw ex;
				}
				if (!waitedAgain(start, this.describe.apply(ex))) {
					throw spent.apply(ex);
				}
			}
		}
	}

	/**
	 * Runs an attempt again while its result says the peer did not answer, within the
	 * budget.
	 * @param <T> the result type
	 * @param attempt the attempt
	 * @param unavailable whether a result says the peer did not answer
	 * @return the first result that does not say so, or the last one once the budget is
	 * spent
	 */
	public <T> T untilAnswered(Supplier<T> attempt, Predicate<T> unavailable) {
		long start = System.nanoTime();
		while (true) {
			T result = attempt.get();
			if (!unavailable.test(result) || !waitedAgain(start, "no answer")) {
				return result;
			}
		}
	}

	// false once the budget is spent, else waits (at most what is left of it)
	private boolean waitedAgain(long start, String why) {
		Duration down = Duration.ofNanos(System.nanoTime() - start);
		if (down.compareTo(this.budget) >= 0) {
			return false;
		}
		Duration left = this.budget.minus(down);
		Duration wait = (this.interval.compareTo(left) <= 0) ? this.interval : left;
		logger.warn(this.peer + " out of reach for " + down.toSeconds() + "s (" + why + "); trying again in "
				+ wait.toMillis() + "ms, for up to " + this.budget);
		Handling.pause(wait);
		return true;
	}

}
