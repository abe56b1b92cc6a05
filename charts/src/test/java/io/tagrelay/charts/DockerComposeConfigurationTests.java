package io.tagrelay.charts;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot rot: every {@code TAGRELAY_*} and {@code UK_*} variable it
 * sets is a key the service it is set on really binds.
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
	void aMisspeltVariableIsReported() {
		Map<String, Object> environment = Map.of("TAGRELAY_INGEST_TOKEN", "local", "TAGRELAY_TARGETS_0_REPO",
				"quay.io/acme/web", "TAGRELAY_INGEST_TOKENS", "local");

		assertThat(ConfigurationKeys.ingest().unbound(environment)).containsExactly("TAGRELAY_INGEST_TOKEN",
				"TAGRELAY_TARGETS_0_REPO");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> tagrelayVariables(String service) throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE_FILE)) {
			Map<String, Object> compose = new Yaml().load(reader);
			Map<String, Object> services = (Map<String, Object>) compose.get("services");
			Map<String, Object> definition = (Map<String, Object>) services.get(service);
			Map<String, Object> environment = (Map<String, Object>) definition.get("environment");
			Map<String, Object> tagrelay = new LinkedHashMap<>();
			environment.forEach((name, value) -> {
				if (name.startsWith("TAGRELAY_") || name.startsWith("UK_")) {
					tagrelay.put(name, String.valueOf(value));
				}
			});
			return tagrelay;
		}
	}

}
