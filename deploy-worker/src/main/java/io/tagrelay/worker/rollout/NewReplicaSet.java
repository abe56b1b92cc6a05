package io.tagrelay.worker.rollout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/**
 * Finds a Deployment's new ReplicaSet as the Deployment controller and kubectl do
 * ({@code deploymentutil.FindNewReplicaSet}): of the ReplicaSets the Deployment controls,
 * the oldest whose pod template equals the Deployment's, ignoring the
 * {@code pod-template-hash} label the controller adds.
 */
final class NewReplicaSet {

	static final String HASH_LABEL = "pod-template-hash";

	private NewReplicaSet() {
	}

	static Optional<ReplicaSet> of(Deployment deployment, List<ReplicaSet> replicaSets) {
		String uid = deployment.getMetadata().getUid();
		PodTemplateSpec template = withoutHash(deployment.getSpec().getTemplate());
		return replicaSets.stream()
			.filter((replicaSet) -> controlledBy(replicaSet, uid))
			.filter((replicaSet) -> replicaSet.getSpec() != null
					&& template.equals(withoutHash(replicaSet.getSpec().getTemplate())))
			.min((a, b) -> Objects.toString(a.getMetadata().getCreationTimestamp(), "")
				.compareTo(Objects.toString(b.getMetadata().getCreationTimestamp(), "")));
	}

	private static boolean controlledBy(ReplicaSet replicaSet, String uid) {
		List<OwnerReference> owners = replicaSet.getMetadata().getOwnerReferences();
		return uid != null && owners != null && owners.stream()
			.anyMatch((owner) -> Boolean.TRUE.equals(owner.getController()) && uid.equals(owner.getUid()));
	}

	private static PodTemplateSpec withoutHash(PodTemplateSpec template) {
		if (template == null) {
			return new PodTemplateSpec();
		}
		PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
		ObjectMeta metadata = Objects.requireNonNullElseGet(copy.getMetadata(), ObjectMeta::new);
		Map<String, String> labels = new HashMap<>(Objects.requireNonNullElseGet(metadata.getLabels(), Map::of));
		labels.remove(HASH_LABEL);
		metadata.setLabels(labels);
		copy.setMetadata(metadata);
		return copy;
	}

}
