package io.tagrelay.worker;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler for tests of code that waits through Resilience4j: it runs every scheduled
 * task at once, remembering the delay it asked for.
 */
public class RecordingScheduler extends ScheduledThreadPoolExecutor {

	/** The delays asked for, in milliseconds, in order; delays of 0 are left out. */
	public final List<Long> delays = new CopyOnWriteArrayList<>();

	public RecordingScheduler() {
		super(1);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		record(delay, unit);
		return super.schedule(command, 0, unit);
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		record(delay, unit);
		return super.schedule(callable, 0, unit);
	}

	private void record(long delay, TimeUnit unit) {
		if (delay > 0) {
			this.delays.add(unit.toMillis(delay));
		}
	}

}
