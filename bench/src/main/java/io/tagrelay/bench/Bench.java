package io.tagrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.tagrelay.bench.registry.BenchRegistry;
import io.tagrelay.bench.service.BenchService;
import io.tagrelay.bench.service.MemorySampler;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.testing.kafka.Index;
import io.tagrelay.testing.kafka.TopicReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark harness that {@code bench/run} starts: measures the figures of issues 7
 * and 15 in one run and prints one summary line per figure (bench/README.md).
 */
public final class Bench {

	private static final Logger logger = LoggerFactory.getLogger(Bench.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private Bench() {
	}

	/**
	 * Runs the figures.
	 * @param args {@code --name=value} flags
	 * @throws Exception if a figure cannot be measured
	 */
	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		Path root = Path.of("").toAbsolutePath();
		Path dir = Files.createDirectories(root.resolve("bench/target/run"));
		List<String> summary = new ArrayList<>();
		List<String> profiles = new ArrayList<>();
		String loadBefore = loadAverage();
		List<BenchService> workers = new ArrayList<>();
		try (BenchStack stack = new BenchStack(root, dir, options)) {
			progress("broker " + stack.bootstrapServers() + ", mock API server with " + (options.targets() + 2)
					+ " Deployments");
			Startup ingestStartup = null;
			Startup workerStartup = null;
			if (options.figure(4)) {
				progress("figure 4: start-up of each service with two targets");
				ingestStartup = Startup.of(stack.startIngest(true));
				workerStartup = Startup.of(stack.startWorker(true));
				progress("started in " + ingestStartup + " and " + workerStartup);
			}
			progress("starting the ingest with " + (options.targets() + 2) + " targets");
			BenchService ingest = stack.startIngest(false);
			Duration ingestReady = ingest.awaitReady(START_TIMEOUT);
			long ingestRss;
			try (MemorySampler rss = MemorySampler.of(ingest)) {
				if (options.figure(1)) {
					progress("ingest ready in " + ingestReady.toMillis() + " ms; figure 1 (wrk)");
					IngestThroughput figure = new IngestThroughput(ingest, options, root);
					report(summary, figure.run().line(options));
					profiles.add("[1] " + figure.cpu());
				}
				// without figure 1 the ingest was not loaded: its resident set now
				ingestRss = Math.max(rss.maxMib(), ingest.memoryKib("VmRSS") / 1024);
			}
			if (options.figure(2) || options.figure(3) || options.figure(4)) {
				stack.skipQueuedEvents();
				progress("starting the worker");
				BenchService worker = stack.startWorker(false);
				workers.add(worker);
				Duration workerReady = worker.awaitReady(START_TIMEOUT);
				long workerRss;
				try (TopicReader results = TopicReader.fromEnd(stack.bootstrapServers(), BenchStack.RESULTS);
						MemorySampler rss = MemorySampler.of(worker)) {
					Index<String> outcomes = outcomesByEventId(results);
					if (options.figure(2)) {
						progress("worker ready in " + workerReady.toMillis() + " ms; figure 2 (sequential pushes)");
						report(summary, PushLatency.line(new PushLatency(ingest, stack.recorder(), outcomes)
							.run(options.warmupPushes(), options.pushes())));
					}
					if (options.figure(3)) {
						progress("figure 3 (" + options.targets() + " targets at once)");
						report(summary,
								new WorkerThroughput(stack.bootstrapServers(), stack.recorder(), outcomes)
									.run(options.targets(), stack.kubeconfig(), 6)
									.line());
					}
					workerRss = Math.max(rss.maxMib(), worker.memoryKib("VmRSS") / 1024);
				}
				if (options.figure(4)) {
					report(summary,
							Footprint.line(
									new Footprint("ingest", ingestStartup, ingestReady, ingestRss,
											ingest.memoryKib("VmHWM") / 1024),
									new Footprint("worker", workerStartup, workerReady, workerRss,
											worker.memoryKib("VmHWM") / 1024),
									options.targets() + 2));
				}
			}
			if (options.figure(6)) {
				// the other workers are stopped: the scanning one owns every partition
				workers.forEach(Bench::stop);
				BenchOptions.Scan scan = options.scan();
				progress("figure 6 (" + scan.targets() + " targets scanned every " + scan.interval().toSeconds()
						+ " s)");
				try (BenchRegistry registry = new BenchRegistry(scan.tags())) {
					BenchService worker = stack.startScanningWorker(registry, scan);
					worker.awaitReady(START_TIMEOUT);
					report(summary, new ScanFootprint(worker, registry, stack.bootstrapServers()).run(scan).line());
				}
			}
		}
		if (options.jfr()) {
			for (String service : List.of("ingest-startup", "worker-startup", "ingest", "worker")) {
				profiles.add(JfrSummary.summarise(dir.resolve(service + ".jfr"), 15));
			}
		}
		if (options.figure(5)) {
			progress("services stopped; figure 5 (JMH)");
			report(summary, JmhRun.run(options.jmhArgs(), dir));
		}
		List<String> out = new ArrayList<>();
		out.add("=== tagrelay benchmark summary (" + options + ")");
		out.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
				+ System.getProperty("java.vm.version") + "; load average before " + loadBefore + ", after "
				+ loadAverage());
		out.addAll(summary);
		out.addAll(profiles);
		out.forEach(logger::info);
		Files.write(dir.resolve("summary.txt"), out);
		System.exit(0);
	}

	/**
	 * A start-up of a service: JVM start to readiness UP, and Spring Boot's own "process
	 * running for" when it logged "Started". The service is stopped once measured.
	 *
	 * @param ready JVM start to readiness UP
	 * @param startedLog the log's figure, in seconds
	 */
	record Startup(Duration ready, Optional<Double> startedLog) {

		static Startup of(BenchService service) throws InterruptedException {
			try (service) {
				return new Startup(service.awaitReady(START_TIMEOUT), service.startedLogSeconds());
			}
		}

		@Override
		public String toString() {
			return String.format("%.2f s (Spring 'Started' at %s)", this.ready.toMillis() / 1e3,
					this.startedLog.map((s) -> String.format("%.2f s", s)).orElse("?"));
		}

	}

	/**
	 * The worker's outcomes by event id (the first one, for an event that concerns one
	 * container), each with the moment it was read.
	 */
	private static Index<String> outcomesByEventId(TopicReader results) {
		EventCodec codec = new EventCodec();
		return results.index((record) -> codec.readOutcome(record.value()).eventId());
	}

	private static void stop(BenchService service) {
		try {
			service.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String loadAverage() {
		try {
			return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static void report(List<String> summary, String line) {
		summary.add(line);
		progress(line);
	}

	private static void progress(String message) {
		logger.info("bench: {}", message);
	}

}
