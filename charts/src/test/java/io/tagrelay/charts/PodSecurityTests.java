package io.tagrelay.charts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.tagrelay.charts.RenderedChart.at;
import static io.tagrelay.charts.RenderedChart.container;
import static io.tagrelay.charts.RenderedChart.env;
import static io.tagrelay.charts.RenderedChart.list;
import static io.tagrelay.charts.RenderedChart.map;
import static io.tagrelay.charts.RenderedChart.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

class PodSecurityTests {

	@Test
	void everyPodRunsAsNonRootWithTheRuntimeDefaultSeccompProfile() {
		for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.multiNamespace())) {
			assertThat(chart.ofKind("Deployment")).hasSize(2).allSatisfy((deployment) -> {
				Map<String, Object> pod = map(podSpec(deployment), "securityContext");
				assertThat(pod).containsEntry("runAsNonRoot", true);
				assertThat((Integer) pod.get("runAsUser")).isPositive();
				assertThat(at(pod, "seccompProfile", "type")).isEqualTo("RuntimeDefault");
			});
		}
	}

	@Test
	void everyContainerIsLockedDown() {
		for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.multiNamespace())) {
			assertThat(chart.ofKind("Deployment")).allSatisfy((deployment) -> {
				List<Map<String, Object>> containers = list(podSpec(deployment), "containers");
				assertThat(list(podSpec(deployment), "initContainers")).isEmpty();
				assertThat(containers).isNotEmpty().allSatisfy((container) -> {
					Map<String, Object> security = map(container, "securityContext");
					assertThat(security).containsEntry("runAsNonRoot", true)
						.containsEntry("allowPrivilegeEscalation", false)
						.containsEntry("readOnlyRootFilesystem", true)
						.containsEntry("privileged", false);
					assertThat((Integer) security.get("runAsUser")).isPositive();
					assertThat(at(security, "capabilities", "drop")).isEqualTo(List.of("ALL"));
					assertThat(at(security, "capabilities", "add")).isNull();
					assertThat(at(security, "seccompProfile", "type")).isEqualTo("RuntimeDefault");
				});
			});
		}
	}

	@Test
	void everyContainerHasAWritableTmpAndResourceLimits() {
		RenderedChart chart = RenderedChart.defaults();
		assertThat(chart.ofKind("Deployment")).allSatisfy((deployment) -> {
			Map<String, Object> container = container(deployment);
			assertThat(list(container, "volumeMounts")).contains(Map.of("name", "tmp", "mountPath", "/tmp"));
			assertThat(list(podSpec(deployment), "volumes"))
				.anySatisfy((volume) -> assertThat(volume).containsEntry("name", "tmp").containsKey("emptyDir"));
			assertThat(map(container, "resources", "requests")).containsKeys("cpu", "memory");
			assertThat(map(container, "resources", "limits")).containsKey("memory");
			assertThat(list(container, "volumeMounts"))
				.anySatisfy((mount) -> assertThat(mount).containsEntry("mountPath", JvmOptionsTests.MOUNTED));
		});
	}

	@Test
	void theIngestMountsNoServiceAccountToken() {
		RenderedChart chart = RenderedChart.multiNamespace();
		Map<String, Object> ingest = chart.ingest();
		assertThat(podSpec(ingest)).containsEntry("automountServiceAccountToken", false)
			.containsEntry("serviceAccountName", "relay-tagrelay-ingest");
		assertThat(chart.get("ServiceAccount", "relay-tagrelay-ingest")).containsEntry("automountServiceAccountToken",
				false);
		assertThat(list(podSpec(ingest), "volumes"))
			.noneSatisfy((volume) -> assertThat(volume).containsKey("projected"));
	}

	@Test
	void theWorkerAloneUsesItsServiceAccount() {
		Map<String, Object> worker = RenderedChart.defaults().worker();
		assertThat(podSpec(worker)).containsEntry("automountServiceAccountToken", true)
			.containsEntry("serviceAccountName", "relay-tagrelay-worker");
	}

	@Test
	void probesUseTheActuatorHealthGroups() {
		RenderedChart chart = RenderedChart.defaults();
		assertProbes(container(chart.ingest()), "management", 8081);
		assertProbes(container(chart.worker()), "management", 8081);
		assertThat(env(chart.ingest()).get("MANAGEMENT_SERVER_PORT")).containsEntry("value", "8081");
		assertThat(env(chart.worker()).get("MANAGEMENT_SERVER_PORT")).containsEntry("value", "8081");
	}

	@Test
	void theIngestIsSpreadOverNodesAndProtectedFromDisruption() {
		RenderedChart chart = RenderedChart.defaults();
		Map<String, Object> ingest = chart.ingest();
		assertThat(at(ingest, "spec", "replicas")).isEqualTo(2);
		assertThat(at(podSpec(ingest), "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution",
				0, "podAffinityTerm", "topologyKey"))
			.isEqualTo("kubernetes.io/hostname");
		Map<String, Object> pdb = chart.get("PodDisruptionBudget", "relay-tagrelay-ingest");
		assertThat(at(pdb, "spec", "selector", "matchLabels")).isEqualTo(at(ingest, "spec", "selector", "matchLabels"));
		Map<String, Object> service = chart.get("Service", "relay-tagrelay-ingest");
		assertThat(at(service, "spec", "type")).isEqualTo("ClusterIP");
		assertThat(list(service, "spec", "ports"))
			.containsExactly(Map.of("name", "http", "port", 80, "targetPort", "http", "protocol", "TCP"));
		assertThat(list(container(ingest), "ports"))
			.contains(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));
		assertThat(chart.ofKind("Ingress")).isEmpty();
		assertThat(chart.ofKind("HorizontalPodAutoscaler")).isEmpty();
		assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
	}

	@Test
	void anAutoscaledIngestLeavesReplicasToTheAutoscaler() {
		RenderedChart chart = RenderedChart.multiNamespace();
		assertThat((Map<String, Object>) map(chart.ingest(), "spec")).doesNotContainKey("replicas");
		assertThat(at(chart.get("HorizontalPodAutoscaler", "relay-tagrelay-ingest"), "spec", "scaleTargetRef", "name"))
			.isEqualTo("relay-tagrelay-ingest");
	}

	@Test
	void believesForwardedAddressesOnlyFromTheNamedProxies() {
		assertThat(env(RenderedChart.defaults().ingest())).doesNotContainKey("SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES");
		RenderedChart chart = RenderedChart.with(Map.of("ingest.trustedProxies", "10[.]0[.]3[.]5|10[.]0[.]3[.]6"));
		assertThat(env(chart.ingest()).get("SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES")).containsEntry("value",
				"10[.]0[.]3[.]5|10[.]0[.]3[.]6");
	}

	@Test
	void theIngressRoutesTheApiButNotTheActuator() {
		Map<String, Object> ingress = RenderedChart.multiNamespace().get("Ingress", "relay-tagrelay-ingest");
		List<Map<String, Object>> paths = list(ingress, "spec", "rules", 0, "http", "paths");
		assertThat(paths).extracting((path) -> path.get("path"))
			.containsExactly("/webhook", "/webhooks", "/events", "/deployment", "/info");
		assertThat(at(ingress, "spec", "rules", 0, "host")).isEqualTo("relay.acme.example");
	}

	@Test
	void imagesDefaultToTheChartAppVersion() {
		RenderedChart chart = RenderedChart.defaults();
		assertThat(container(chart.ingest())).containsEntry("image", "ghcr.io/tagrelay/ingest-service:0.1.0");
		assertThat(container(chart.worker())).containsEntry("image", "ghcr.io/tagrelay/deploy-worker:0.1.0");
		String digest = "sha256:" + "c".repeat(64);
		RenderedChart pinned = RenderedChart.with(Map.of("worker.image.digest", digest, "ingest.image.tag", "1.2.3"));
		assertThat(container(pinned.worker())).containsEntry("image", "ghcr.io/tagrelay/deploy-worker@" + digest);
		assertThat(container(pinned.ingest())).containsEntry("image", "ghcr.io/tagrelay/ingest-service:1.2.3");
	}

	private static void assertProbes(Map<String, Object> container, String port, int number) {
		assertThat(list(container, "ports")).contains(Map.of("name", port, "containerPort", number, "protocol", "TCP"));
		assertThat(at(container, "livenessProbe", "httpGet"))
			.isEqualTo(Map.of("path", "/actuator/health/liveness", "port", port));
		assertThat(at(container, "readinessProbe", "httpGet"))
			.isEqualTo(Map.of("path", "/actuator/health/readiness", "port", port));
	}

}
