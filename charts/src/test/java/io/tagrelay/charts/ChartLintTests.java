package io.tagrelay.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTests {

	@TempDir
	Path temp;

	@Test
	void lintsCleanWithDefaultValues() {
		LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();
		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
	}

	@Test
	void lintsCleanWithTargetsInSeveralNamespaces() throws IOException {
		// helm-java's lint takes no values file: lint a copy whose values.yaml has them
		// merged in
		Path chart = copyChart(this.temp.resolve("tagrelay"));
		Map<String, Object> values = merge(load(chart.resolve("values.yaml")),
				load(RenderedChart.MULTI_NAMESPACE_VALUES));
		Files.writeString(chart.resolve("values.yaml"), dump(values));
		LintResult result = new Helm(chart).lint().strict().call();
		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
	}

	@Test
	void lintReportsValuesThatBreakTheSchema() throws IOException {
		Path chart = copyChart(this.temp.resolve("tagrelay"));
		Map<String, Object> values = load(chart.resolve("values.yaml"));
		values.put("rbac", Map.of("create", true, "useClusterRoles", true));
		Files.writeString(chart.resolve("values.yaml"), dump(values));
		LintResult result = new Helm(chart).lint().call();
		assertThat(result.isFailed()).isTrue();
		assertThat(String.join("\n", result.getMessages())).contains("useClusterRoles");
	}

	private static Path copyChart(Path target) throws IOException {
		try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
			files.forEach((source) -> {
				try {
					Files.copy(source, target.resolve(RenderedChart.CHART.relativize(source).toString()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		return target;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		override.forEach((key, value) -> {
			if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> baseMap) {
				merged.put(key, merge((Map<String, Object>) baseMap, (Map<String, Object>) map));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	private static Map<String, Object> load(Path file) throws IOException {
		return new Yaml().load(Files.readString(file));
	}

	private static String dump(Map<String, Object> values) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(options).dump(values);
	}

}
