package io.tagrelay.worker;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.model.target.Targets;
import io.tagrelay.testing.cluster.SimulatedCluster;

/**
 * The worker's client of a simulated cluster, signed in as the worker's ServiceAccount
 * with the Role the chart renders for its targets by default: their Deployments by name
 * ({@code get}, {@code list} and {@code watch} by name, {@code patch}), nothing else of
 * Deployments. A worker that lists a whole namespace, or touches a Deployment no target
 * names, is refused as on a cluster installed by the chart.
 */
public final class ChartRole {

	/** The token of the worker's ServiceAccount. */
	public static final String WORKER = "system:serviceaccount:tagrelay:tagrelay-worker";

	private ChartRole() {
	}

	/**
	 * Grants the worker the chart's Role for its targets and gives it a client.
	 * @param cluster the cluster
	 * @param targets the worker's targets
	 * @return the worker's client, closed with the worker's context
	 */
	public static KubernetesClient client(SimulatedCluster cluster, Targets targets) {
		targets.all().forEach((target) -> cluster.rbac().grantByName(WORKER, target.namespace(), target.deployment()));
		return cluster.client(WORKER);
	}

}
