package io.tagrelay.model.event;

import java.util.Objects;

import io.tagrelay.model.KubernetesNames;

/**
 * One container of one Deployment: the unit tagrelay updates and reports on.
 *
 * @param namespace the namespace
 * @param deployment the Deployment
 * @param container the container
 */
public record TargetRef(String namespace, String deployment, String container) {

	public TargetRef {
		KubernetesNames.requireNamespace(namespace);
		KubernetesNames.requireDeployment(deployment);
		KubernetesNames.requireContainer(container);
	}

	/**
	 * The key of this container's records on the results and state topics.
	 * @return {@code namespace/deployment/container}
	 */
	public String key() {
		return this.namespace + "/" + this.deployment + "/" + this.container;
	}

	/**
	 * Whether this container belongs to the given Deployment.
	 * @param otherNamespace a namespace
	 * @param otherDeployment a Deployment name
	 * @return true if both match
	 */
	public boolean isIn(String otherNamespace, String otherDeployment) {
		return Objects.equals(this.namespace, otherNamespace) && Objects.equals(this.deployment, otherDeployment);
	}

}
