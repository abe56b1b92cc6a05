package io.tagrelay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tagrelay.bench.registry.BenchRegistry;
import io.tagrelay.bench.service.BenchService;
import io.tagrelay.bench.service.Launch;
import io.tagrelay.bench.service.MemorySampler;
import io.tagrelay.bench.service.NativeMemory;
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
		try (BenchStack stack = new BenchStack(root, dir, options)) {
			progress("broker " + stack.bootstrapServers() + ", mock API server with " + (options.targets() + 2)
					+ " Deployments; launches " + options.launches() + ", the image's runtime " + options.imageJava());
			if (options.figure(1)) {
				progress("warming the broker for " + options.warmup().multipliedBy(2).toSeconds() + " s");
				stack.warmBroker(options.warmup().multipliedBy(2));
			}
			Map<Launch, Startups> startups = new LinkedHashMap<>();
			for (Launch launch : options.launches()) {
				if (!startups.isEmpty()) {
					stack.resetDeployments();
				}
				startups.put(launch, measure(stack, options, launch, summary, profiles));
			}
			if (options.figure(4)) {
				for (Launch launch : options.startupLaunches()) {
					if (!startups.containsKey(launch)) {
						progress("figure 4: start-up of each service launched " + launch);
						startups.put(launch, Startups.of(stack, launch));
					}
				}
				report(summary,
						"[4] start-up by launch (JVM start -> readiness UP, two targets; goal <= 2 s): "
								+ startups.entrySet()
									.stream()
									.filter((entry) -> options.startupLaunches().contains(entry.getKey()))
									.map((entry) -> entry.getKey() + ": " + entry.getValue())
									.collect(Collectors.joining("; ")));
			}
			if (options.figure(6)) {
				Launch launch = options.launches().get(0);
				BenchOptions.Scan scan = options.scan();
				progress("figure 6 (" + scan.targets() + " targets scanned every " + scan.interval().toSeconds()
						+ " s, launched " + launch + ")");
				try (BenchRegistry registry = new BenchRegistry(scan.tags())) {
					BenchService worker = stack.startScanningWorker(launch, registry, scan);
					worker.awaitReady(START_TIMEOUT);
					report(summary,
							labelled(new ScanFootprint(worker, registry, stack.bootstrapServers()).run(scan).line(),
									launch, options));
					stop(worker);
				}
			}
		}
		if (options.jfr()) {
			for (Path recording : jfrRecordings(dir)) {
				profiles.add(JfrSummary.summarise(recording, 15));
			}
		}
		if (options.figure(5)) {
			progress("services stopped; figure 5 (JMH)");
			report(summary, JmhRun.run(options.jmhArgs(), dir));
		}
		List<String> out = new ArrayList<>();
		out.add("=== tagrelay benchmark summary (" + options + ")");
		out.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores, harness and java17: Java "
				+ System.getProperty("java.vm.version") + ", image: " + javaVersion(options.imageJava())
				+ "; load average before " + loadBefore + ", after " + loadAverage());
		out.addAll(summary);
		out.addAll(profiles);
		out.forEach(logger::info);
		Files.write(dir.resolve("summary.txt"), out);
		System.exit(0);
	}

	/**
	 * Figures 1 to 4 with the services launched one way; both are stopped at the end.
	 * @return the start-ups figure 4 measured, if it was asked for
	 */
	private static Startups measure(BenchStack stack, BenchOptions options, Launch launch, List<String> summary,
			List<String> profiles) throws Exception {
		Startups startups = null;
		if (options.figure(4)) {
			progress("figure 4: start-up of each service with two targets, launched " + launch);
			startups = Startups.of(stack, launch);
			progress("started in " + startups);
		}
		progress("starting the ingest with " + (options.targets() + 2) + " targets, launched " + launch);
		BenchService ingest = stack.startIngest(launch, false);
		Duration ingestReady = ingest.awaitReady(START_TIMEOUT);
		long ingestRss;
		try (MemorySampler rss = MemorySampler.of(ingest)) {
			if (options.figure(1)) {
				progress("ingest ready in " + ingestReady.toMillis() + " ms; figure 1 (wrk)");
				IngestThroughput figure = new IngestThroughput(ingest, options, stack.root());
				report(summary, labelled(figure.run().line(options), launch, options));
				profiles.add(labelled("[1] " + figure.cpu(), launch, options));
			}
			// without figure 1 the ingest was not loaded: its resident set now
			ingestRss = Math.max(rss.maxMib(), ingest.memoryKib("VmRSS") / 1024);
		}
		Optional<NativeMemory> ingestNmt = nativeMemory(ingest, options);
		if (options.figure(2) || options.figure(3) || options.figure(4)) {
			stack.skipQueuedEvents();
			progress("starting the worker, launched " + launch);
			BenchService worker = stack.startWorker(launch, false);
			Duration workerReady = worker.awaitReady(START_TIMEOUT);
			long workerRss;
			try (TopicReader results = TopicReader.fromEnd(stack.bootstrapServers(), BenchStack.RESULTS);
					MemorySampler rss = MemorySampler.of(worker)) {
				Index<String> outcomes = outcomesByEventId(results);
				if (options.figure(2)) {
					progress("worker ready in " + workerReady.toMillis() + " ms; figure 2 (sequential pushes)");
					report(summary, labelled(PushLatency.line(new PushLatency(ingest, stack.recorder(), outcomes)
						.run(options.warmupPushes(), options.pushes())), launch, options));
				}
				if (options.figure(3)) {
					progress("figure 3 (" + options.targets() + " targets at once)");
					report(summary,
							labelled(new WorkerThroughput(stack.bootstrapServers(), stack.recorder(), outcomes)
								.run(options.targets(), stack.kubeconfig(), 6)
								.line(), launch, options));
				}
				workerRss = Math.max(rss.maxMib(), worker.memoryKib("VmRSS") / 1024);
			}
			if (options.figure(4)) {
				report(summary,
						labelled(Footprint.line(
								new Footprint("ingest", startups.ingest(), ingestReady, ingestRss,
										ingest.memoryKib("VmHWM") / 1024, ingestNmt),
								new Footprint("worker", startups.worker(), workerReady, workerRss,
										worker.memoryKib("VmHWM") / 1024, nativeMemory(worker, options)),
								options.targets() + 2), launch, options));
			}
			stop(worker);
		}
		stop(ingest);
		return startups;
	}

	/**
	 * Names the launch in a figure's line when the run has more than one:
	 * {@code [1] ingest throughput: ...} becomes
	 * {@code [1] ingest throughput (java17): ...}.
	 */
	private static String labelled(String line, Launch launch, BenchOptions options) {
		if (options.launches().size() < 2) {
			return line;
		}
		return line.replaceFirst("^(\\[\\d\\] [^:(]+?)( \\(|:)", "$1 (" + launch + ")$2");
	}

	private static Optional<NativeMemory> nativeMemory(BenchService service, BenchOptions options) {
		if (!options.nmt()) {
			return Optional.empty();
		}
		try {
			return Optional.of(service.nativeMemory());
		}
		catch (IOException ex) {
			logger.warn("bench: no native memory summary of {}: {}", service, ex.getMessage());
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * The start-ups of both services launched one way, each started alone with two
	 * targets.
	 *
	 * @param ingest the ingest's
	 * @param worker the worker's
	 */
	record Startups(Startup ingest, Startup worker) {

		static Startups of(BenchStack stack, Launch launch) throws Exception {
			return new Startups(Startup.of(stack.startIngest(launch, true)),
					Startup.of(stack.startWorker(launch, true)));
		}

		@Override
		public String toString() {
			return String.format("ingest %.2f s, worker %.2f s", this.ingest.ready().toMillis() / 1e3,
					this.worker.ready().toMillis() / 1e3);
		}

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

	private static List<Path> jfrRecordings(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((f) -> f.toString().endsWith(".jfr")).sorted().toList();
		}
	}

	private static String javaVersion(Path java) {
		try {
			Process version = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
			String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			version.waitFor();
			return out.lines().skip(1).findFirst().orElse(out).trim();
		}
		catch (IOException ex) {
			return "? (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "?";
		}
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
