package io.tagrelay.worker.cluster;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Whether the work a thread does is still wanted, so that its waits for the API server
 * end as soon as it is not: a poll whose partitions were revoked is delivered again to
 * their next owner, often this same worker, whose new poll waits for the old one to end;
 * an abandoned poll that went on waiting out an outage would hold it for minutes.
 * <p>
 * The consumer's handler runs a poll {@link #within} the poll's own pause, which ends
 * early once the poll is abandoned; {@link #carried} takes that to the threads a poll's
 * updates run on. Without one, a wait just sleeps.
 */
public final class Handling {

	private static final ThreadLocal<Pause> current = new ThreadLocal<>();

	private Handling() {
	}

	/**
	 * Runs work for a caller who may stop wanting it.
	 * @param pause waits, and says whether the work is still wanted
	 * @param work the work
	 */
	public static void within(Pause pause, Runnable work) {
		bound(pause, () -> {
			work.run();
			return null;
		}).get();
	}

	/**
	 * A task that runs, on whatever thread, for the same caller as this thread.
	 * @param <T> what it returns
	 * @param task the task
	 * @return the task, bound to this thread's caller
	 */
	public static <T> Supplier<T> carried(Supplier<T> task) {
		Pause pause = current.get();
		return (pause != null) ? bound(pause, task) : task;
	}

	// the task, run for the caller of the pause, on whatever thread
	private static <T> Supplier<T> bound(Pause pause, Supplier<T> task) {
		return () -> {
			Pause outer = current.get();
			current.set(pause);
			try {
				return task.get();
			}
			finally {
				if (outer == null) {
					current.remove();
				}
				else {
					current.set(outer);
				}
			}
		};
	}

	/**
	 * Waits before a call is tried again.
	 * @param wait how long
	 * @throws HandlingAbandonedException if the work is no longer wanted, at once when
	 * that happens during the wait
	 */
	static void pause(Duration wait) {
		Pause pause = current.get();
		if (pause == null) {
			sleep(wait);
		}
		else if (!pause.pause(wait.toMillis())) {
			throw new HandlingAbandonedException();
		}
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the API server", ex);
		}
	}

	/**
	 * Waits, ending early when the work is no longer wanted.
	 */
	@FunctionalInterface
	public interface Pause {

		/**
		 * Waits.
		 * @param millis how long
		 * @return whether the work is still wanted
		 */
		boolean pause(long millis);

	}

}
