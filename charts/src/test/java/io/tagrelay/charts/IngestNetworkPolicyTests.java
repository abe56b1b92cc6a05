package io.tagrelay.charts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.tagrelay.charts.RenderedChart.at;
import static io.tagrelay.charts.RenderedChart.list;
import static org.assertj.core.api.Assertions.assertThat;

class IngestNetworkPolicyTests {

	@Test
	void admitsEveryoneToThePublicPortAndOnlyMetricsScrapersToTheManagementPort() {
		RenderedChart chart = RenderedChart.defaults();
		Map<String, Object> policy = chart.get("NetworkPolicy", "relay-tagrelay-ingest");
		assertThat(at(policy, "spec", "podSelector", "matchLabels"))
			.isEqualTo(at(chart.ingest(), "spec", "selector", "matchLabels"));
		assertThat(at(policy, "spec", "policyTypes")).isEqualTo(List.of("Ingress"));
		List<Map<String, Object>> ingress = list(policy, "spec", "ingress");
		assertThat(ingress).hasSize(2);
		assertThat(ingress.get(0)).isEqualTo(Map.of("ports", List.of(Map.of("port", "http", "protocol", "TCP"))));
		assertThat(list(ingress.get(1), "ports")).containsExactly(Map.of("port", "management", "protocol", "TCP"));
		assertThat(list(ingress.get(1), "from")).containsExactly(
				Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")),
						"podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus"))));
	}

	@Test
	void admitsNoOneToTheManagementPortWithoutScrapers() {
		RenderedChart chart = RenderedChart.with(Map.of("ingest.networkPolicy.metricsFrom", "null"));
		assertThat(list(chart.get("NetworkPolicy", "relay-tagrelay-ingest"), "spec", "ingress"))
			.containsExactly(Map.of("ports", List.of(Map.of("port", "http", "protocol", "TCP"))));
	}

	@Test
	void scrapesBothServicesOnTheirManagementPortOnly() {
		RenderedChart chart = RenderedChart.with(Map.of("metrics.serviceMonitor.enabled", true));
		for (String component : List.of("ingest", "worker")) {
			Map<String, Object> service = chart.get("Service", "relay-tagrelay-" + component + "-metrics");
			assertThat(list(service, "spec", "ports")).containsExactly(
					Map.of("name", "management", "port", 8081, "targetPort", "management", "protocol", "TCP"));
			Map<String, Object> monitor = chart.get("ServiceMonitor", "relay-tagrelay-" + component);
			assertThat(list(monitor, "spec", "endpoints")).singleElement()
				.satisfies((endpoint) -> assertThat(endpoint).containsEntry("port", "management"));
			assertThat(labels(service, "metadata", "labels"))
				.containsAllEntriesOf(labels(monitor, "spec", "selector", "matchLabels"))
				.containsEntry("tagrelay.io/service", "metrics");
		}
		// the public Service has no management port, and no ServiceMonitor selects it
		assertThat(labels(chart.get("Service", "relay-tagrelay-ingest"), "metadata", "labels"))
			.doesNotContainKey("tagrelay.io/service");
		assertThat(list(chart.get("Service", "relay-tagrelay-ingest"), "spec", "ports"))
			.extracting((port) -> port.get("name"))
			.containsExactly("http");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> labels(Map<String, Object> document, Object... path) {
		return (Map<String, Object>) at(document, path);
	}

}
