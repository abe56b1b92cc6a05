package io.tagrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tagrelay.bench.service.Launch;

/**
 * The harness's flags ({@code --name=value}); bench/README.md lists them.
 *
 * @param duration each measured wrk run
 * @param warmup the wrk run before each measured one, not counted
 * @param threads wrk threads
 * @param connections wrk connections
 * @param rateDuration the open-loop run at half the maximum push rate
 * @param pushes sequential pushes measured for push-to-patch latency
 * @param warmupPushes pushes before those, not counted
 * @param targets distinct targets updated at once for the worker's throughput
 * @param figures the figures to measure (1 to 6)
 * @param jmhArgs JMH's own arguments
 * @param ingestJvm JVM flags of the ingest, after its options file's
 * @param workerJvm JVM flags of the worker, after its options file's
 * @param jfr whether both services record a JFR profile
 * @param ingestArgs extra Spring Boot arguments of the ingest ({@code --key=value ...})
 * @param workerArgs extra Spring Boot arguments of the worker
 * @param launches how the services are launched for figures 1 to 4, each in turn (the
 * first also for figure 6)
 * @param startupLaunches the launches whose start-up figure 4 compares
 * @param imageJava the {@code java} of the image's runtime
 * @param nmt whether the services under load track their native memory (figure 4's NMT
 * breakdown)
 * @param scan figure 6: the targets scanned, their tags, interval and the intervals
 * measured
 */
record BenchOptions(Duration duration, Duration warmup, int threads, int connections, Duration rateDuration, int pushes,
		int warmupPushes, int targets, Set<Integer> figures, List<String> jmhArgs, List<String> ingestJvm,
		List<String> workerJvm, boolean jfr, List<String> ingestArgs, List<String> workerArgs, List<Launch> launches,
		List<Launch> startupLaunches, Path imageJava, boolean nmt, Scan scan) {

	static final String DEFAULT_JMH = "-f 1 -wi 3 -w 1s -i 5 -r 1s";

	static BenchOptions parse(String... args) {
		Map<String, String> given = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("flags are --name=value, not '" + arg + "'");
			}
			String[] pair = arg.substring(2).split("=", 2);
			given.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		boolean smoke = Boolean.parseBoolean(given.remove("smoke"));
		Map<String, String> values = defaults(smoke);
		for (Map.Entry<String, String> entry : given.entrySet()) {
			if (!values.containsKey(entry.getKey())) {
				throw new IllegalArgumentException("unknown flag --" + entry.getKey() + "; see bench/README.md");
			}
			values.put(entry.getKey(), entry.getValue());
		}
		String jvm = values.get("jvm");
		return new BenchOptions(seconds(values, "duration"), seconds(values, "warmup"),
				Integer.parseInt(values.get("threads")), Integer.parseInt(values.get("connections")),
				seconds(values, "rate-duration"), Integer.parseInt(values.get("pushes")),
				Integer.parseInt(values.get("warmup-pushes")), Integer.parseInt(values.get("targets")),
				words(values.get("figures").replace(',', ' ')).stream()
					.map(Integer::valueOf)
					.collect(Collectors.toSet()),
				words(values.get("jmh-args")), words(Objects.requireNonNullElse(values.get("ingest-jvm"), jvm)),
				words(Objects.requireNonNullElse(values.get("worker-jvm"), jvm)),
				Boolean.parseBoolean(values.get("jfr")), words(values.get("ingest-args")),
				words(values.get("worker-args")), Launch.list(values.get("launches")),
				Launch.list(values.get("startup-launches")), imageJava(values.get("image-java")),
				Boolean.parseBoolean(values.get("nmt")),
				new Scan(Integer.parseInt(values.get("scan-targets")), Integer.parseInt(values.get("scan-tags")),
						seconds(values, "scan-interval"), Integer.parseInt(values.get("scan-intervals"))));
	}

	/**
	 * Whether a figure is to be measured.
	 * @param figure 1 to 6
	 * @return whether {@code --figures} names it
	 */
	boolean figure(int figure) {
		return this.figures.contains(figure);
	}

	/**
	 * The defaults of the flags, and (where it differs) the default of {@code --smoke};
	 * {@code null} for none.
	 */
	private static Map<String, String> defaults(boolean smoke) {
		String[][] flags = { { "duration", "15", "2" }, { "warmup", "5", "1" }, { "threads", "2" },
				{ "connections", "16" }, { "rate-duration", "15", "2" }, { "pushes", "200", "20" },
				{ "warmup-pushes", "20", "5" }, { "targets", "500", "50" }, { "figures", "1,2,3,4,5,6" },
				{ "jmh-args", DEFAULT_JMH, "-f 1 -wi 1 -w 200ms -i 1 -r 200ms" }, { "jvm", "" }, { "ingest-jvm", null },
				{ "worker-jvm", null }, { "jfr", "false" }, { "ingest-args", "" }, { "worker-args", "" },
				{ "launches", "image,java17", "image" },
				{ "startup-launches", "image,image-no-aot,java17,java17-cds,java17-defaults", "image,java17" },
				{ "image-java", System.getenv("BENCH_IMAGE_JAVA") }, { "nmt", "true" }, { "scan-targets", "500", "20" },
				{ "scan-tags", "250", "20" }, { "scan-interval", "60", "3" }, { "scan-intervals", "2", "1" } };
		Map<String, String> values = new HashMap<>();
		for (String[] flag : flags) {
			values.put(flag[0], (smoke && flag.length > 2) ? flag[2] : flag[1]);
		}
		return values;
	}

	/**
	 * Figure 6's load: {@code --scan-targets} targets, one repository of
	 * {@code --scan-tags} tags each, scanned every {@code --scan-interval} seconds,
	 * measured over {@code --scan-intervals} intervals.
	 *
	 * @param targets the targets
	 * @param tags the tags of each repository
	 * @param interval the scan interval
	 * @param intervals the intervals measured
	 */
	record Scan(int targets, int tags, Duration interval, int intervals) {
	}

	/**
	 * The image's runtime: the one named, else the Temurin 25 JDK installed beside Java
	 * 17.
	 */
	private static Path imageJava(String named) {
		if (named != null && !named.isBlank()) {
			return Path.of(named);
		}
		try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
			return jdks.filter((jdk) -> jdk.getFileName().toString().startsWith("temurin-25"))
				.map((jdk) -> jdk.resolve("bin/java"))
				.filter(Files::isExecutable)
				.sorted()
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"no Temurin 25 under /usr/lib/jvm: name the image's runtime with --image-java=<java> or BENCH_IMAGE_JAVA"));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("no /usr/lib/jvm: name the image's runtime with --image-java=<java>",
					ex);
		}
	}

	private static Duration seconds(Map<String, String> values, String name) {
		return Duration.ofSeconds(Long.parseLong(values.get(name).replaceFirst("s$", "")));
	}

	private static List<String> words(String text) {
		return (text == null || text.isBlank()) ? List.of()
				: Arrays.stream(text.trim().split("\\s+")).filter((w) -> !w.isEmpty()).toList();
	}

}
