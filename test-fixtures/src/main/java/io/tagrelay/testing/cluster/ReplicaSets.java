package io.tagrelay.testing.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The ReplicaSets the Deployment controller keeps for each Deployment, as the real one
 * names and owns them: one per pod template, {@code <deployment>-<hash>}, labelled and
 * selected with {@code pod-template-hash}, controlled by the Deployment (its uid), with
 * the revision annotation. The new one (the current template's) has the desired replicas
 * and reports them available once the rollout has completed; the old ones keep serving
 * until then and are scaled to 0 after. Written only when what it reports changes.
 */
final class ReplicaSets {

	static final String HASH_LABEL = "pod-template-hash";

	static final String REVISION = "deployment.kubernetes.io/revision";

	private final KubernetesClient client;

	/** What was last written, by namespace/name of ReplicaSet: replicas and available. */
	private final Map<String, String> written = new ConcurrentHashMap<>();

	/** The ReplicaSets of each Deployment: ReplicaSet name to its revision. */
	private final Map<String, Map<String, Integer>> owned = new ConcurrentHashMap<>();

	ReplicaSets(KubernetesClient client) {
		this.client = client;
	}

	void sync(Deployment deployment, boolean completed) {
		String namespace = deployment.getMetadata().getNamespace();
		String key = namespace + "/" + deployment.getMetadata().getName();
		int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
		PodTemplateSpec template = withoutHash(deployment.getSpec().getTemplate());
		String hash = Integer.toHexString(template.hashCode());
		String current = deployment.getMetadata().getName() + "-" + hash;
		Map<String, Integer> revisions = this.owned.computeIfAbsent(key, (k) -> new HashMap<>());
		synchronized (revisions) {
			if (!revisions.containsKey(current)) {
				revisions.put(current, revisions.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
			}
			revisions.forEach((name, revision) -> {
				boolean isNew = name.equals(current);
				int replicas = isNew ? desired : (completed ? 0 : -1);
				int available = isNew ? (completed ? desired : 0) : replicas;
				if (replicas >= 0) {
					write(deployment, template, name, isNew ? hash : null, revision, replicas, available);
				}
			});
		}
	}

	private void write(Deployment deployment, PodTemplateSpec template, String name, String hash, int revision,
			int replicas, int available) {
		String namespace = deployment.getMetadata().getNamespace();
		String state = replicas + "/" + available;
		if (state.equals(this.written.get(namespace + "/" + name))) {
			return;
		}
		ReplicaSet existing = this.client.apps().replicaSets().inNamespace(namespace).withName(name).get();
		ReplicaSet replicaSet = (existing != null) ? existing
				: created(deployment, template, name, hash, revision, replicas);
		replicaSet.getSpec().setReplicas(replicas);
		if (existing != null) {
			this.client.apps()
				.replicaSets()
				.inNamespace(namespace)
				.withName(name)
				.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
			replicaSet = this.client.apps().replicaSets().inNamespace(namespace).withName(name).get();
		}
		replicaSet.setStatus(new ReplicaSetStatusBuilder().withReplicas(replicas)
			.withReadyReplicas(available)
			.withAvailableReplicas(available)
			.withFullyLabeledReplicas(replicas)
			.build());
		this.client.apps().replicaSets().inNamespace(namespace).resource(replicaSet).updateStatus();
		this.written.put(namespace + "/" + name, state);
	}

	private ReplicaSet created(Deployment deployment, PodTemplateSpec template, String name, String hash, int revision,
			int replicas) {
		Map<String, String> labels = new HashMap<>(
				Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
		labels.put(HASH_LABEL, hash);
		Map<String, String> selector = new HashMap<>(
				Objects.requireNonNullElse((deployment.getSpec().getSelector() != null)
						? deployment.getSpec().getSelector().getMatchLabels() : null, Map.of()));
		selector.put(HASH_LABEL, hash);
		PodTemplateSpec labelled = new PodTemplateSpecBuilder(template).editOrNewMetadata()
			.withLabels(labels)
			.endMetadata()
			.build();
		ReplicaSet replicaSet = new ReplicaSetBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(deployment.getMetadata().getNamespace())
			.withLabels(labels)
			.addToAnnotations(REVISION, Integer.toString(revision))
			.addNewOwnerReference()
			.withApiVersion("apps/v1")
			.withKind("Deployment")
			.withName(deployment.getMetadata().getName())
			.withUid(deployment.getMetadata().getUid())
			.withController(true)
			.withBlockOwnerDeletion(true)
			.endOwnerReference()
			.endMetadata()
			.withNewSpec()
			.withReplicas(replicas)
			.withSelector(new LabelSelectorBuilder().withMatchLabels(selector).build())
			.withTemplate(labelled)
			.endSpec()
			.build();
		return this.client.apps()
			.replicaSets()
			.inNamespace(replicaSet.getMetadata().getNamespace())
			.resource(replicaSet)
			.create();
	}

	static PodTemplateSpec withoutHash(PodTemplateSpec template) {
		PodTemplateSpec copy = new PodTemplateSpecBuilder(Objects.requireNonNullElseGet(template, PodTemplateSpec::new))
			.build();
		ObjectMeta metadata = Objects.requireNonNullElseGet(copy.getMetadata(), ObjectMeta::new);
		Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(metadata.getLabels(), Map.of()));
		labels.remove(HASH_LABEL);
		metadata.setLabels(labels);
		copy.setMetadata(metadata);
		return copy;
	}

}
