package io.tagrelay.worker.deploy;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.worker.cluster.ClusterCalls;
import io.tagrelay.worker.state.DeploymentWatch;

import org.springframework.stereotype.Component;

/**
 * Reads a Deployment: from the watch's cache when it has it, else from the API server,
 * retrying transient errors.
 */
@Component
public class DeploymentReader {

	private final KubernetesClient client;

	private final ClusterCalls calls;

	private final DeploymentWatch watch;

	DeploymentReader(KubernetesClient client, ClusterCalls calls, DeploymentWatch watch) {
		this.client = client;
		this.calls = calls;
		this.watch = watch;
	}

	/**
	 * A Deployment as last seen: what its watch has, else what the API server answers.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @return the Deployment, empty if there is none
	 */
	public Optional<Deployment> read(String namespace, String name) {
		return this.watch.cached(namespace, name).or(() -> readFresh(namespace, name));
	}

	/**
	 * A Deployment as the API server has it now, after a patch was refused because of a
	 * change the cache may not have seen yet.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @return the Deployment, empty if there is none
	 */
	Optional<Deployment> readFresh(String namespace, String name) {
		return Optional.ofNullable(
				this.calls.call(() -> this.client.apps().deployments().inNamespace(namespace).withName(name).get()));
	}

}
