package io.tagrelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tagrelay.bench.kafka.OutcomeWatcher;
import io.tagrelay.bench.load.Latencies;
import io.tagrelay.bench.service.MemorySampler;
import io.tagrelay.bench.service.ServiceProcess;

/**
 * The benchmark harness that {@code bench/run} starts: measures the five figures of issue
 * 7 in one run and prints one summary line per figure (bench/README.md).
 */
public final class Bench {

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
		try (BenchStack stack = new BenchStack(root, dir, options)) {
			progress("broker " + stack.bootstrapServers() + ", mock API server with " + (options.targets() + 2)
					+ " Deployments; figure 4: start-up of each service with two targets");
			Startup ingestStartup = Startup.of(stack.startIngest(true));
			Startup workerStartup = Startup.of(stack.startWorker(true));
			progress("started in " + ingestStartup + " and " + workerStartup + "; starting the ingest with "
					+ (options.targets() + 2) + " targets");
			ServiceProcess ingest = stack.startIngest(false);
			Duration ingestReady = ingest.awaitReady(START_TIMEOUT);
			progress("ingest ready in " + ingestReady.toMillis() + " ms; figure 1 (wrk)");
			IngestThroughput.Result throughput;
			long ingestRss;
			try (MemorySampler rss = MemorySampler.of(ingest)) {
				throughput = new IngestThroughput(ingest, options, root).run();
				ingestRss = rss.maxMib();
			}
			summary.add(throughput.line(options));
			progress(summary.get(summary.size() - 1));

			stack.skipQueuedEvents(Duration.ofSeconds(30));
			progress("starting the worker");
			ServiceProcess worker = stack.startWorker(false);
			Duration workerReady = worker.awaitReady(START_TIMEOUT);
			progress("worker ready in " + workerReady.toMillis() + " ms; figure 2 (sequential pushes)");
			long workerRss;
			try (OutcomeWatcher outcomes = new OutcomeWatcher(stack.bootstrapServers(), BenchStack.RESULTS);
					MemorySampler rss = MemorySampler.of(worker)) {
				Latencies latency = new PushLatency(ingest, stack.cluster().recorder(), outcomes)
					.run(options.warmupPushes(), options.pushes());
				summary.add(PushLatency.line(latency));
				progress(summary.get(summary.size() - 1));
				WorkerThroughput.Result workerThroughput = new WorkerThroughput(stack.bootstrapServers(),
						stack.cluster().recorder(), outcomes)
					.run(options.targets());
				summary.add(workerThroughput.line());
				workerRss = rss.maxMib();
				progress(summary.get(summary.size() - 1));
			}
			summary.add(Footprint.line(
					new Footprint("ingest", ingestStartup, ingestReady, ingestRss, ingest.memoryKib("VmHWM") / 1024),
					new Footprint("worker", workerStartup, workerReady, workerRss, worker.memoryKib("VmHWM") / 1024),
					options.targets() + 2));
			progress(summary.get(summary.size() - 1));
		}
		if (options.jfr()) {
			for (String service : List.of("ingest", "worker")) {
				profiles.add(JfrSummary.summarise(dir.resolve(service + ".jfr"), 15));
			}
		}
		if (options.jmh()) {
			progress("services stopped; figure 5 (JMH)");
			summary.add(JmhRun.run(options.jmhArgs(), dir));
		}
		System.out.println();
		System.out.println("=== tagrelay benchmark summary (" + options + ")");
		summary.forEach(System.out::println);
		profiles.forEach(System.out::println);
		Files.write(dir.resolve("summary.txt"), summary);
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

		static Startup of(ServiceProcess service) throws InterruptedException {
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

	private static void progress(String message) {
		System.out.println("bench: " + message);
	}

}
