package io.tagrelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), "org.openjdk.jmh.Main"));
		command.addAll(jmhArgs);
		command.addAll(List.of("-rf", "json", "-rff", results.toString(), "io.tagrelay.bench.jmh"));
		Process jmh = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("jmh.log").toFile())
			.start();
		if (jmh.waitFor() != 0) {
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
