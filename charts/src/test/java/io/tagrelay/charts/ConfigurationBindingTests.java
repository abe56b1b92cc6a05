package io.tagrelay.charts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.tagrelay.charts.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code TAGRELAY_*}/{@code UK_*} variable and every
 * {@code tagrelay.*}/{@code uk.*} key the chart renders binds to a property of the
 * service that reads it, checked with the services' own {@code @ConfigurationProperties}
 * classes: a misspelt key would be ignored silently by Spring Boot and the setting lost.
 */
class ConfigurationBindingTests {

	static final ConfigurationKeys INGEST = ConfigurationKeys.ingest();

	static final ConfigurationKeys WORKER = ConfigurationKeys.worker();

	static RenderedChart[] charts() {
		return new RenderedChart[] { RenderedChart.defaults(), RenderedChart.multiNamespace() };
	}

	@ParameterizedTest
	@MethodSource("charts")
	void everyVariableOfTheIngestBindsToAnIngestProperty(RenderedChart chart) {
		Map<String, Object> variables = relayVariables(chart.ingest());

		assertThat(variables).containsKey("TAGRELAY_INGEST_TOKENS");
		assertThat(INGEST.unbound(variables)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("charts")
	void everyVariableOfTheWorkerBindsToAWorkerProperty(RenderedChart chart) {
		Map<String, Object> variables = relayVariables(chart.worker());

		assertThat(WORKER.unbound(variables)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("charts")
	void everyKeyOfTheConfigMapBindsInAServiceThatReadsIt(RenderedChart chart) {
		assertThat(chart.configProperties("ingest.yaml")).containsKey("tagrelay.ingest.info.enabled");
		assertThat(INGEST.unboundProperties(relayKeys(chart.configProperties("ingest.yaml")))).isEmpty();
		assertThat(WORKER.unboundProperties(relayKeys(chart.configProperties("worker.yaml")))).isEmpty();
		assertThat(WORKER.unboundProperties(relayKeys(chart.workerSecretProperties()))).isEmpty();
		Map<String, Object> shared = relayKeys(chart.configProperties("application.yaml"));
		Set<String> unboundAnywhere = new TreeSet<>(INGEST.unboundProperties(shared));
		unboundAnywhere.retainAll(WORKER.unboundProperties(shared));
		assertThat(unboundAnywhere).isEmpty();
	}

	@Test
	void theMultiNamespaceValuesReachEveryTargetSetting() {
		RenderedChart chart = RenderedChart.multiNamespace();

		assertThat(chart.configProperties("application.yaml")).containsKeys("tagrelay.targets[0].tag-policy.range",
				"tagrelay.targets[0].rollout.initial-interval");
		assertThat(chart.workerSecretProperties()).containsKeys("tagrelay.targets[0].tag-policy.range",
				"tagrelay.targets[0].webhook.url");
		assertThat(chart.configProperties("worker.yaml")).containsKey("tagrelay.webhook.max-attempts");
		assertThat(chart.configProperties("ingest.yaml")).containsKey("tagrelay.ingest.max-body-size");
		assertThat(relayVariables(chart.worker())).containsKey("TAGRELAY_WEBHOOK_SECRET");
	}

	@Test
	void theRegistriesSettingsBindInTheIngestAndTheirSecretsStayInTheSecret() {
		RenderedChart chart = RenderedChart
			.with(Map.of("ingest.sources.github.secret", "gh-hmac-secret-0123", "ingest.sources.distribution.tokens[0]",
					"registry-token-0123", "ingest.sources.distribution.registryHost", "registry.example.com",
					"ingest.sources.ecr.header", "x-relay-key", "ingest.sources.artifactRegistry.audience",
					"https://relay.example.com", "ingest.sources.artifactRegistry.serviceAccount",
					"pusher@acme.iam.gserviceaccount.com", "ingest.sources.dockerhub.enabled", false));

		Map<String, Object> settings = relayKeys(chart.configProperties("ingest.yaml"));
		assertThat(settings).containsEntry("tagrelay.ingest.sources.distribution.registry-host", "registry.example.com")
			.containsEntry("tagrelay.ingest.sources.ecr.header", "x-relay-key")
			.containsEntry("tagrelay.ingest.sources.artifact-registry.service-account",
					"pusher@acme.iam.gserviceaccount.com")
			.containsEntry("tagrelay.ingest.sources.dockerhub.enabled", "false");
		assertThat(INGEST.unboundProperties(settings)).isEmpty();
		Map<String, Object> variables = relayVariables(chart.ingest());
		assertThat(variables).containsKeys("TAGRELAY_INGEST_SOURCES_GITHUB_SECRET",
				"TAGRELAY_INGEST_SOURCES_DISTRIBUTION_TOKENS");
		assertThat(INGEST.unbound(variables)).isEmpty();
		assertThat(chart.configMap().toString()).doesNotContain("gh-hmac-secret-0123")
			.doesNotContain("registry-token-0123");
		assertThat(chart.ingest().toString()).doesNotContain("gh-hmac-secret-0123");
	}

	@Test
	void catchesAMisspeltVariable() {
		RenderedChart chart = RenderedChart
			.with(Map.of("ingest.extraEnv[0].name", "TAGRELAY_INGEST_TOKEN", "ingest.extraEnv[0].value", "x"));

		assertThat(INGEST.unbound(relayVariables(chart.ingest()))).containsExactly("TAGRELAY_INGEST_TOKEN");
	}

	@Test
	void catchesAMisspeltKeyInExtraConfiguration() {
		RenderedChart chart = RenderedChart.with(Map.of("ingest.config.tagrelay.ingest.max-body-sise", "1KB",
				"worker.config.tagrelay.webhook.max-atempts", 3));

		assertThat(INGEST.unboundProperties(relayKeys(chart.configProperties("ingest.yaml"))))
			.containsExactly("tagrelay.ingest.max-body-sise");
		assertThat(WORKER.unboundProperties(relayKeys(chart.configProperties("worker.yaml"))))
			.containsExactly("tagrelay.webhook.max-atempts");
	}

	private static Map<String, Object> relayVariables(Map<String, Object> deployment) {
		Map<String, Object> variables = new LinkedHashMap<>();
		env(deployment).forEach((name, entry) -> {
			if (name.startsWith("TAGRELAY_") || name.startsWith("UK_")) {
				// a value from a Secret binds like any other: only the name matters here
				variables.put(name, String.valueOf(entry.getOrDefault("value", "from-secret")));
			}
		});
		return variables;
	}

	private static Map<String, Object> relayKeys(Map<String, Object> properties) {
		Predicate<String> relay = (key) -> key.startsWith("tagrelay.") || key.startsWith("uk.");
		Map<String, Object> keys = new LinkedHashMap<>();
		properties.forEach((key, value) -> {
			if (relay.test(key)) {
				keys.put(key, value);
			}
		});
		return keys;
	}

}
