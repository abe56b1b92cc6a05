package io.tagrelay.charts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.tagrelay.charts.RenderedChart.at;
import static io.tagrelay.charts.RenderedChart.list;
import static org.assertj.core.api.Assertions.assertThat;

class WorkerRbacTests {

	static final String WORKER = "relay-tagrelay-worker";

	/**
	 * What the rollout judge reads besides the Deployment: its ReplicaSets, listed by the
	 * Deployment's selector, to find the new one. Only list: it never gets one by name,
	 * never watches or changes one.
	 */
	static final Map<String, Object> LIST_REPLICA_SETS = Map.of("apiGroups", List.of("apps"), "resources",
			List.of("replicasets"), "verbs", List.of("list"));

	/**
	 * What {@code worker.watchScope=namespace} adds: the list and watch of every
	 * Deployment of the namespace.
	 */
	static final Map<String, Object> WATCH_DEPLOYMENTS = Map.of("apiGroups", List.of("apps"), "resources",
			List.of("deployments"), "verbs", List.of("list", "watch"));

	@Test
	void grantsARolePerTargetNamespaceLimitedToTheManagedDeployments() {
		RenderedChart chart = RenderedChart.multiNamespace();
		assertThat(chart.ofKind("Role")).extracting((role) -> at(role, "metadata", "namespace"))
			.containsExactlyInAnyOrder("shop", "staging");
		assertThat(rules(chart.get("Role", WORKER, "shop"))).containsExactly(rule(List.of("api", "web")),
				LIST_REPLICA_SETS);
		// staging: a target and the updatekate target
		assertThat(rules(chart.get("Role", WORKER, "staging"))).containsExactly(rule(List.of("legacy", "web")),
				LIST_REPLICA_SETS);
	}

	@Test
	void bindsEachRoleToTheWorkerServiceAccountOnly() {
		RenderedChart chart = RenderedChart.multiNamespace();
		assertThat(chart.ofKind("RoleBinding")).hasSize(2).allSatisfy((binding) -> {
			assertThat(at(binding, "roleRef"))
				.isEqualTo(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", WORKER));
			assertThat(list(binding, "subjects"))
				.containsExactly(Map.of("kind", "ServiceAccount", "name", WORKER, "namespace", "tagrelay"));
		});
		assertThat(chart.ofKind("RoleBinding")).extracting((binding) -> at(binding, "metadata", "namespace"))
			.containsExactlyInAnyOrder("shop", "staging");
	}

	@Test
	void grantsNoClusterRoleByDefault() {
		assertThat(RenderedChart.multiNamespace().matching((d) -> ((String) d.get("kind")).startsWith("Cluster")))
			.isEmpty();
		assertThat(RenderedChart.defaults().matching((d) -> ((String) d.get("kind")).startsWith("Cluster"))).isEmpty();
	}

	@Test
	void grantsNothingWithoutTargets() {
		RenderedChart chart = RenderedChart.defaults();
		assertThat(chart.ofKind("Role")).isEmpty();
		assertThat(chart.ofKind("RoleBinding")).isEmpty();
	}

	@Test
	void targetsWithoutNamespaceAreInDefault() {
		RenderedChart chart = RenderedChart
			.with(Map.of("targets[0].repository", "quay.io/acme/web", "targets[0].deployment", "web"));
		assertThat(at(chart.get("Role", WORKER, "default"), "rules", 0, "resourceNames")).isEqualTo(List.of("web"));
	}

	@Test
	void grantsOneClusterRoleBoundOnlyInTheTargetNamespacesWhenAsked() {
		RenderedChart chart = RenderedChart.render(RenderedChart.MULTI_NAMESPACE_VALUES,
				Map.of("rbac.useClusterRole", true));
		assertThat(chart.ofKind("Role")).isEmpty();
		assertThat(chart.ofKind("ClusterRole")).singleElement()
			.satisfies((role) -> assertThat(rules(role)).containsExactly(rule(List.of("api", "legacy", "web")),
					LIST_REPLICA_SETS));
		// a ClusterRoleBinding would grant patch of a "web" in every namespace,
		// kube-system included
		assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
		assertThat(chart.ofKind("RoleBinding")).extracting((binding) -> at(binding, "metadata", "namespace"))
			.containsExactlyInAnyOrder("shop", "staging");
		assertThat(chart.ofKind("RoleBinding")).allSatisfy((binding) -> {
			assertThat(at(binding, "roleRef")).isEqualTo(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind",
					"ClusterRole", "name", at(chart.ofKind("ClusterRole").get(0), "metadata", "name")));
			assertThat(list(binding, "subjects"))
				.containsExactly(Map.of("kind", "ServiceAccount", "name", WORKER, "namespace", "tagrelay"));
		});
	}

	@Test
	void grantsTheWatchOfEachTargetNamespaceWhenTheWorkerWatchesWholeNamespaces() {
		RenderedChart chart = RenderedChart.render(RenderedChart.MULTI_NAMESPACE_VALUES,
				Map.of("worker.watchScope", "namespace"));
		assertThat(rules(chart.get("Role", WORKER, "shop")))
			.containsExactly(
					Map.of("apiGroups", List.of("apps"), "resources", List.of("deployments"), "resourceNames",
							List.of("api", "web"), "verbs", List.of("get", "patch")),
					WATCH_DEPLOYMENTS, LIST_REPLICA_SETS);
		assertThat(at(chart.configFile("worker.yaml"), "tagrelay", "cluster", "watch-scope")).isEqualTo("namespace");

		RenderedChart clusterRole = RenderedChart.render(RenderedChart.MULTI_NAMESPACE_VALUES,
				Map.of("worker.watchScope", "namespace", "rbac.useClusterRole", true));
		assertThat(rules(clusterRole.ofKind("ClusterRole").get(0))).contains(WATCH_DEPLOYMENTS);
		assertThat(clusterRole.ofKind("ClusterRoleBinding")).isEmpty();
	}

	@Test
	void watchesByNameByDefault() {
		assertThat(at(RenderedChart.multiNamespace().configFile("worker.yaml"), "tagrelay", "cluster", "watch-scope"))
			.isEqualTo("deployment");
	}

	@Test
	void rendersNoRbacWhenDisabled() {
		RenderedChart chart = RenderedChart.render(RenderedChart.MULTI_NAMESPACE_VALUES, Map.of("rbac.create", false));
		assertThat(chart.matching((d) -> String.valueOf(at(d, "apiVersion")).startsWith("rbac."))).isEmpty();
	}

	@Test
	void exposesTheWorkerThroughNoLoadBalancerOrNodePort() {
		for (RenderedChart chart : List.of(RenderedChart.defaults(), RenderedChart.multiNamespace())) {
			assertThat(chart.ofKind("Service"))
				.allSatisfy((service) -> assertThat(at(service, "spec", "type")).isIn(null, "ClusterIP"));
		}
	}

	private static List<Map<String, Object>> rules(Map<String, Object> role) {
		return list(role, "rules");
	}

	private static Map<String, Object> rule(List<String> names) {
		return Map.of("apiGroups", List.of("apps"), "resources", List.of("deployments"), "resourceNames", names,
				"verbs", List.of("get", "list", "watch", "patch"));
	}

}
