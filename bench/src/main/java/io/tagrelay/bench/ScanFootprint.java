package io.tagrelay.bench;

import java.time.Duration;

import io.tagrelay.bench.registry.BenchRegistry;
import io.tagrelay.bench.service.BenchService;
import io.tagrelay.bench.service.CpuTime;
import io.tagrelay.bench.service.MemorySampler;
import io.tagrelay.testing.kafka.TopicReader;

/**
 * Figure 6: the worker's CPU and memory while it scans every target's repository once per
 * {@code scan-interval} (issue 15: 500 targets every minute), against the
 * {@link BenchRegistry} whose repositories each list {@code tags} tags in pages of 100.
 * Measured over whole intervals after one interval of warm-up, from {@code /proc}: CPU as
 * a share of one core, resident set at its highest; with the registry's count of tag
 * pages (a scan per repository per interval reads every page once) and the outcomes
 * published meanwhile (a scan that changes nothing publishes none).
 */
final class ScanFootprint {

	private final BenchService worker;

	private final BenchRegistry registry;

	private final String bootstrapServers;

	ScanFootprint(BenchService worker, BenchRegistry registry, String bootstrapServers) {
		this.worker = worker;
		this.registry = registry;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Measures.
	 * @param scan the load: targets (one repository each), tags, interval, intervals
	 * @return the figure's result
	 * @throws InterruptedException if interrupted
	 */
	Result run(BenchOptions.Scan scan) throws InterruptedException {
		Duration interval = scan.interval();
		int intervals = scan.intervals();
		Thread.sleep(interval.toMillis());
		try (TopicReader results = TopicReader.fromEnd(this.bootstrapServers, BenchStack.RESULTS);
				MemorySampler rss = MemorySampler.of(this.worker)) {
			long pagesBefore = this.registry.tagPages();
			double cpuBefore = CpuTime.processMillis(this.worker.pid());
			long started = System.nanoTime();
			Thread.sleep(interval.multipliedBy(intervals).toMillis());
			double elapsedMillis = (System.nanoTime() - started) / 1e6;
			double cpu = CpuTime.processMillis(this.worker.pid()) - cpuBefore;
			long pages = this.registry.tagPages() - pagesBefore;
			long pagesPerScan = (scan.tags() + 99) / 100;
			return new Result(scan.targets(), scan.tags(), interval, intervals, cpu / elapsedMillis,
					Math.max(rss.maxMib(), this.worker.memoryKib("VmRSS") / 1024), pages / (double) pagesPerScan,
					results.records().size());
		}
	}

	/**
	 * What figure 6 measured.
	 *
	 * @param targets the targets scanned
	 * @param tags the tags of each repository
	 * @param interval the scan interval
	 * @param intervals the intervals measured
	 * @param cores the worker's CPU, as a share of one core
	 * @param rssMib its highest resident set
	 * @param scans the scans the registry answered (tag pages ÷ pages per scan)
	 * @param outcomes outcomes published meanwhile
	 */
	record Result(int targets, int tags, Duration interval, int intervals, double cores, long rssMib, double scans,
			int outcomes) {

		String line() {
			double expected = (double) this.targets * this.intervals;
			return String.format(
					"[6] scan: %d targets (one repository of %d tags each) scanned every %ss, over %d intervals: "
							+ "worker CPU %.1f%% of one core (%.2f ms per scan), RSS %d MiB; %.0f scans "
							+ "(%.2f per target per interval), %d outcomes published",
					this.targets, this.tags, this.interval.toSeconds(), this.intervals, this.cores * 100,
					(this.scans > 0) ? this.cores * this.interval.toMillis() * this.intervals / this.scans : 0,
					this.rssMib, this.scans, this.scans / expected, this.outcomes);
		}

	}

}
