package io.tagrelay.charts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.tagrelay.charts.RenderedChart.at;
import static io.tagrelay.charts.RenderedChart.list;
import static org.assertj.core.api.Assertions.assertThat;

class WorkerNetworkPolicyTests {

	@Test
	void admitsOnlyMetricsScrapersOnTheManagementPort() {
		RenderedChart chart = RenderedChart.defaults();
		Map<String, Object> policy = chart.get("NetworkPolicy", "relay-tagrelay-worker");
		assertThat(at(policy, "spec", "podSelector", "matchLabels"))
			.isEqualTo(at(chart.worker(), "spec", "selector", "matchLabels"));
		assertThat(at(policy, "spec", "policyTypes")).isEqualTo(List.of("Ingress"));
		List<Map<String, Object>> ingress = list(policy, "spec", "ingress");
		assertThat(ingress).singleElement().satisfies((rule) -> {
			assertThat(list(rule, "ports")).containsExactly(Map.of("port", "management", "protocol", "TCP"));
			assertThat(list(rule, "from")).containsExactly(Map.of("namespaceSelector",
					Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")), "podSelector",
					Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus"))));
		});
	}

	@Test
	void takesTheScrapersFromValues() {
		RenderedChart chart = RenderedChart.with(
				Map.of("worker.networkPolicy.metricsFrom[0].namespaceSelector" + ".matchLabels.team", "observability"));
		Map<String, Object> policy = chart.get("NetworkPolicy", "relay-tagrelay-worker");
		assertThat(at(policy, "spec", "ingress", 0, "from"))
			.isEqualTo(List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("team", "observability")))));
	}

	@Test
	void admitsNothingWithoutScrapers() {
		RenderedChart chart = RenderedChart.with(Map.of("worker.networkPolicy.metricsFrom", "null"));
		Map<String, Object> policy = chart.get("NetworkPolicy", "relay-tagrelay-worker");
		assertThat(at(policy, "spec", "policyTypes")).isEqualTo(List.of("Ingress"));
		assertThat(list(policy, "spec", "ingress")).isEmpty();
	}

}
