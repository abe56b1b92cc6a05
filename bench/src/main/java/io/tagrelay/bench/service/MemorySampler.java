package io.tagrelay.bench.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a service's resident set ({@code VmRSS}) every 100 ms while a load runs, and
 * keeps the largest sample.
 */
public final class MemorySampler implements AutoCloseable {

	private final AtomicLong maxKib = new AtomicLong();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "rss-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private MemorySampler(BenchService service) {
		this.scheduler.scheduleAtFixedRate(() -> this.maxKib.accumulateAndGet(service.memoryKib("VmRSS"), Math::max), 0,
				100, TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts sampling.
	 * @param service the service
	 * @return the sampler
	 */
	public static MemorySampler of(BenchService service) {
		return new MemorySampler(service);
	}

	/**
	 * The largest resident set seen.
	 * @return MiB
	 */
	public long maxMib() {
		return this.maxKib.get() / 1024;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
