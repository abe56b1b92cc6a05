package io.tagrelay.ingest.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tagrelay.model.event.TargetRef;

/**
 * kube-update-api's answer: one container and its image.
 *
 * @param namespace the namespace
 * @param deployment the Deployment
 * @param container the container
 * @param image its image
 */
record DeploymentView(@JsonProperty("Namespace") String namespace, @JsonProperty("Deployment") String deployment,
		@JsonProperty("Container") String container, @JsonProperty("Image") String image) {

	static DeploymentView of(TargetRef target, String image) {
		return new DeploymentView(target.namespace(), target.deployment(), target.container(), image);
	}

}
