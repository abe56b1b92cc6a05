package io.tagrelay.charts;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot rot: it builds every runnable module from the one Dockerfile
 * template, on the port the chart gives that service, and every {@code TAGRELAY_*} and
 * {@code UK_*} variable it sets is a key the service it is set on really binds.
 */
class DockerComposeConfigurationTests {

	private static final Path COMPOSE_FILE = Path.of("../docker-compose.yml");

	@Test
	void everyIngestVariableIsAnIngestProperty() throws IOException {
		Map<String, Object> environment = tagrelayVariables("ingest");

		assertThat(environment).containsKey("TAGRELAY_INGEST_TOKENS");
		assertThat(ConfigurationKeys.ingest().unbound(environment)).isEmpty();
	}

	@Test
	void everyWorkerVariableIsAWorkerProperty() throws IOException {
		Map<String, Object> environment = tagrelayVariables("worker");

		assertThat(environment).containsKey("TAGRELAY_TARGETS_0_REPOSITORY");
		assertThat(ConfigurationKeys.worker().unbound(environment)).isEmpty();
	}

	@Test
	void buildsEveryRunnableModuleFromTheTemplate() throws Exception {
		List<Object> modules = new ArrayList<>();
		for (Map<String, Object> definition : services().values()) {
			Object build = definition.get("build");
			if (build != null) {
				assertThat(RenderedChart.at(build, "context")).isEqualTo(".");
				assertThat(RenderedChart.at(build, "dockerfile")).isEqualTo("docker/Dockerfile");
				modules.add(RenderedChart.at(build, "args", "MODULE"));
			}
		}

		assertThat(modules).containsExactlyInAnyOrderElementsOf(DockerfileTests.runnableModules());
	}

	@Test
	void eachImageExposesThePortTheChartGivesItsContainer() throws IOException {
		RenderedChart chart = RenderedChart.defaults();

		assertThat(imageArgument("ingest", "PORT")).isEqualTo(containerPort(chart.ingest()));
		assertThat(imageArgument("worker", "PORT")).isEqualTo(containerPort(chart.worker()));
	}

	@Test
	void aMisspeltVariableIsReported() {
		Map<String, Object> environment = Map.of("TAGRELAY_INGEST_TOKEN", "local", "TAGRELAY_TARGETS_0_REPO",
				"quay.io/acme/web", "TAGRELAY_INGEST_TOKENS", "local");

		assertThat(ConfigurationKeys.ingest().unbound(environment)).containsExactly("TAGRELAY_INGEST_TOKEN",
				"TAGRELAY_TARGETS_0_REPO");
	}

	private static String imageArgument(String service, String name) throws IOException {
		return String.valueOf(RenderedChart.at(services().get(service), "build", "args", name));
	}

	private static String containerPort(Map<String, Object> deployment) {
		return String.valueOf(RenderedChart.at(RenderedChart.container(deployment), "ports", 0, "containerPort"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> tagrelayVariables(String service) throws IOException {
		Map<String, Object> environment = (Map<String, Object>) services().get(service).get("environment");
		Map<String, Object> tagrelay = new LinkedHashMap<>();
		environment.forEach((name, value) -> {
			if (name.startsWith("TAGRELAY_") || name.startsWith("UK_")) {
				tagrelay.put(name, String.valueOf(value));
			}
		});
		return tagrelay;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE_FILE)) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

}
