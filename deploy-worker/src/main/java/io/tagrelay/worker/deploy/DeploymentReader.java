package io.tagrelay.worker.deploy;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tagrelay.worker.cluster.ClusterCalls;

import org.springframework.stereotype.Component;

/**
 * Reads a Deployment, retrying transient API errors.
 */
@Component
class DeploymentReader {

	private final KubernetesClient client;

	private final ClusterCalls calls;

	DeploymentReader(KubernetesClient client, ClusterCalls calls) {
		this.client = client;
		this.calls = calls;
	}

	Optional<Deployment> read(String namespace, String name) {
		return Optional.ofNullable(
				this.calls.call(() -> this.client.apps().deployments().inNamespace(namespace).withName(name).get()));
	}

}
