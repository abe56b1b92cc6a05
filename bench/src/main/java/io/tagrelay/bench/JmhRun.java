package io.tagrelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tagrelay.testing.jvm.ChildJvm;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figure 5: runs the JMH benchmarks of {@code io.tagrelay.bench.jmh} in a fresh JVM (JMH
 * forks its own as well) once the services are stopped, and reads its JSON results.
 */
final class JmhRun {

	private JmhRun() {
	}

	static String run(List<String> jmhArgs, Path dir) throws Exception {
		Path results = dir.resolve("jmh.json");
		List<String> args = new ArrayList<>(jmhArgs);
		args.addAll(List.of("-rf", "json", "-rff", results.toString(), "io.tagrelay.bench.jmh"));
		int exit = ChildJvm.mainClass("jmh", "org.openjdk.jmh.Main", System.getProperty("java.class.path"))
			.args(args)
			.log(dir.resolve("jmh.log"))
			.run(Duration.ofHours(1));
		if (exit != 0) {
			throw new IllegalStateException("JMH failed; see " + dir.resolve("jmh.log"));
		}
		List<String> parts = new ArrayList<>();
		for (JsonNode benchmark : JsonMapper.builder().build().readTree(Files.readString(results))) {
			JsonNode metric = benchmark.path("primaryMetric");
			String name = benchmark.path("benchmark").asString().replaceFirst("^.*\\.jmh\\.", "");
			String params = benchmark.path("params").isObject() ? benchmark.path("params").toString() : "";
			JsonNode error = metric.path("scoreError");
			parts.add(String.format("%s%s %.2f%s %s", name, params, metric.path("score").asDouble(),
					error.isNumber() ? String.format(" ± %.2f", error.asDouble()) : "",
					metric.path("scoreUnit").asString()));
		}
		return "[5] jmh: " + String.join("; ", parts);
	}

}
