package io.tagrelay.charts;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.tagrelay.charts.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code TAGRELAY_*}/{@code UK_*} variable and every
 * {@code tagrelay.*}/{@code uk.*} key the chart renders must be a property a service
 * binds: a misspelt key would be ignored silently by Spring Boot and the setting lost.
 */
class ConfigurationBindingTests {

	static final KnownConfigurationKeys KNOWN = KnownConfigurationKeys
		.load(Path.of(System.getProperty("tagrelay.root", "..")).toAbsolutePath().normalize());

	@Test
	void knowsTheContractedKeys() {
		assertThat(KNOWN.isKnownKey("tagrelay.ingest.tokens")).isTrue();
		assertThat(KNOWN.isKnownKey("tagrelay.targets[3].tag-policy.include-prereleases")).isTrue();
		assertThat(KNOWN.isKnownKey("tagrelay.targets[0].rollout.rollback-on-failure")).isTrue();
		assertThat(KNOWN.isKnownEnvironmentVariable("TAGRELAY_INGEST_TOKENS")).isTrue();
		assertThat(KNOWN.isKnownEnvironmentVariable("TAGRELAY_WEBHOOK_SECRET")).isTrue();
		assertThat(KNOWN.isKnownEnvironmentVariable("UK_REPO")).isTrue();
		assertThat(KNOWN.isKnownEnvironmentVariable("TAGRELAY_TARGETS_0_TAGPOLICY_RANGE")).isTrue();
	}

	@Test
	void rejectsNamesNobodyBinds() {
		assertThat(KNOWN.isKnownEnvironmentVariable("TAGRELAY_INGEST_TOKEN")).isFalse();
		assertThat(KNOWN.isKnownEnvironmentVariable("TAGRELAY_WEBHOOK_SECRETS")).isFalse();
		assertThat(KNOWN.isKnownKey("tagrelay.targets[0].tagpolicy.range")).isFalse();
		assertThat(KNOWN.isKnownKey("tagrelay.targets[0].rollout.max-attempt")).isFalse();
		// a default topic name in docs/contracts.md, not a property
		assertThat(KNOWN.isKnownKey("tagrelay.events")).isFalse();
	}

	@Test
	void everyVariableTheChartSetsBinds() {
		for (RenderedChart chart : new RenderedChart[] { RenderedChart.defaults(), RenderedChart.multiNamespace() }) {
			assertThat(KnownConfigurationKeys.unknown(relayVariables(chart), KNOWN::isKnownEnvironmentVariable))
				.as("variables unknown to %s", KNOWN.sources())
				.isEmpty();
		}
	}

	@Test
	void everyKeyTheConfigMapSetsBinds() {
		for (RenderedChart chart : new RenderedChart[] { RenderedChart.defaults(), RenderedChart.multiNamespace() }) {
			Set<String> keys = configKeys(chart);
			assertThat(keys).contains("tagrelay.ingest.info.enabled");
			assertThat(KnownConfigurationKeys.unknown(keys, KNOWN::isKnownKey))
				.as("keys unknown to %s", KNOWN.sources())
				.isEmpty();
		}
		assertThat(configKeys(RenderedChart.multiNamespace())).contains("tagrelay.targets[0].tag-policy.range",
				"tagrelay.targets[0].rollout.initial-interval", "tagrelay.targets[0].webhook.url",
				"tagrelay.webhook.max-attempts", "tagrelay.ingest.max-body-size");
	}

	@Test
	void catchesAMisspeltVariable() {
		RenderedChart chart = RenderedChart
			.with(Map.of("ingest.extraEnv[0].name", "TAGRELAY_INGEST_TOKEN", "ingest.extraEnv[0].value", "x"));
		assertThat(KnownConfigurationKeys.unknown(relayVariables(chart), KNOWN::isKnownEnvironmentVariable))
			.containsExactly("TAGRELAY_INGEST_TOKEN");
	}

	@Test
	void catchesAMisspeltKeyInExtraConfiguration() {
		RenderedChart chart = RenderedChart.with(Map.of("config.tagrelay.kafka.partition", 12,
				"config.tagrelay.kafka.partitions", 12, "worker.config.tagrelay.webhook.max-atempts", 3));
		assertThat(KnownConfigurationKeys.unknown(configKeys(chart), KNOWN::isKnownKey))
			.containsExactlyInAnyOrder("tagrelay.kafka.partition", "tagrelay.webhook.max-atempts");
	}

	private static Set<String> relayVariables(RenderedChart chart) {
		Set<String> names = new LinkedHashSet<>();
		for (Map<String, Object> deployment : chart.ofKind("Deployment")) {
			env(deployment).keySet()
				.stream()
				.filter((name) -> name.startsWith("TAGRELAY_") || name.startsWith("UK_"))
				.forEach(names::add);
		}
		return names;
	}

	private static Set<String> configKeys(RenderedChart chart) {
		Set<String> keys = new LinkedHashSet<>();
		for (String file : new String[] { "application.yaml", "ingest.yaml", "worker.yaml" }) {
			keys.addAll(KnownConfigurationKeys.flatten(chart.configFile(file)));
		}
		return keys;
	}

}
