package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ReplicaSets of one Deployment and their pods, as the Deployment controller, the
 * ReplicaSet controller and the kubelets would keep them, held in memory: this model is
 * what the simulated controller reads (it never lists ReplicaSets), and the ReplicaSet
 * objects in the API server are its projection, written only when what they show changes.
 * The ReplicaSets are named and owned as the real controller does it: one per pod
 * template, {@code <deployment>-<hash>}, labelled and selected with
 * {@code pod-template-hash}, controlled by the Deployment (its uid), with the revision,
 * revision-history, desired-replicas and max-replicas annotations. Pods are created the
 * moment a ReplicaSet is scaled up and gone the moment it is scaled down (not-ready ones
 * first, then the newest).
 */
final class ReplicaSets {

	static final String HASH_LABEL = "pod-template-hash";

	static final String REVISION = "deployment.kubernetes.io/revision";

	static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";

	static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";

	static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

	/** The alphabet of the real controller's hashes: no vowels, no look-alikes. */
	private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KubernetesClient client;

	private final String namespace;

	private final String deployment;

	private final String uid;

	/** Oldest first: the order of their creation timestamps. */
	private final List<Owned> owned = new ArrayList<>();

	ReplicaSets(KubernetesClient client, Deployment deployment) {
		this.client = client;
		this.namespace = deployment.getMetadata().getNamespace();
		this.deployment = deployment.getMetadata().getName();
		this.uid = deployment.getMetadata().getUid();
	}

	String uid() {
		return this.uid;
	}

	/**
	 * Every ReplicaSet, oldest first.
	 * @return the ReplicaSets
	 */
	List<Owned> all() {
		return new ArrayList<>(this.owned);
	}

	/**
	 * The ReplicaSet of a pod template ({@code FindNewReplicaSet}).
	 * @param template the Deployment's template
	 * @return the ReplicaSet, or {@code null}
	 */
	Owned of(PodTemplateSpec template) {
		PodTemplateSpec wanted = withoutHash(template);
		return this.owned.stream().filter((rs) -> rs.template.equals(wanted)).findFirst().orElse(null);
	}

	/**
	 * A new ReplicaSet of 0 replicas for a pod template, created in the API server on the
	 * next {@link #write()}.
	 * @param template the Deployment's template
	 * @param revision its revision
	 * @return the ReplicaSet
	 */
	Owned create(PodTemplateSpec template, long revision) {
		PodTemplateSpec plain = withoutHash(template);
		String hash = hash(plain);
		Owned rs = new Owned(this.deployment + "-" + hash, hash, plain, revision);
		this.owned.add(rs);
		return rs;
	}

	/**
	 * Deletes a ReplicaSet ({@code cleanupDeployment}).
	 * @param rs the ReplicaSet
	 */
	void delete(Owned rs) {
		this.owned.remove(rs);
		if (rs.api != null) {
			this.client.apps().replicaSets().inNamespace(this.namespace).withName(rs.name).delete();
		}
	}

	/**
	 * Deletes every ReplicaSet, as the garbage collector does once their Deployment is
	 * gone.
	 */
	void deleteAll() {
		for (Owned rs : all()) {
			try {
				delete(rs);
			}
			catch (RuntimeException ex) {
				// the server is closing, or someone deleted it first
			}
		}
	}

	/**
	 * What the ReplicaSet controller and the kubelets do between two passes of the
	 * Deployment controller: pods are created or deleted as the ReplicaSets' replicas
	 * say, and become ready as their fate says.
	 * @param now {@link System#nanoTime()}
	 * @param fates the fate of the pods of each ReplicaSet
	 * @param podStartTime the cluster's pod start time
	 * @param held whether no pod may become ready
	 * @param minReadyNanos how long a pod is ready before it is available
	 */
	void refresh(long now, Function<Owned, PodFate> fates, Duration podStartTime, boolean held, long minReadyNanos) {
		for (Owned rs : this.owned) {
			rs.reconcilePods(now);
			long delay = fates.apply(rs).readyAfterNanos(podStartTime);
			for (Pod pod : rs.pods) {
				if (pod.readyNanos < 0 && !held && delay >= 0 && now - pod.createdNanos >= delay) {
					pod.readyNanos = now;
				}
			}
			rs.count(now, minReadyNanos);
		}
	}

	/**
	 * Writes what changed to the API server: creates new ReplicaSets, patches replicas
	 * and annotations, updates the status. What fails is written again on the next call.
	 * @param deploymentObject the Deployment, for the selector and the owner reference
	 */
	void write(Deployment deploymentObject) {
		for (Owned rs : this.owned) {
			if (rs.api == null) {
				create(deploymentObject, rs);
				if (rs.api == null) {
					continue;
				}
			}
			if (!rs.specKey().equals(rs.writtenSpec)) {
				Map<String, Object> patch = Map.of("metadata", Map.of("annotations", rs.annotations()), "spec",
						Map.of("replicas", rs.replicas));
				rs.api = this.client.apps()
					.replicaSets()
					.inNamespace(this.namespace)
					.withName(rs.name)
					.patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
				rs.writtenSpec = rs.specKey();
			}
			String status = rs.statusKey();
			if (!status.equals(rs.writtenStatus)) {
				ReplicaSet copy = new ReplicaSetBuilder(rs.api).build();
				copy.setStatus(rs.status(rs.api.getMetadata().getGeneration()));
				this.client.apps().replicaSets().inNamespace(this.namespace).resource(copy).updateStatus();
				rs.writtenStatus = status;
			}
		}
	}

	private void create(Deployment deploymentObject, Owned rs) {
		try {
			rs.api = this.client.apps()
				.replicaSets()
				.inNamespace(this.namespace)
				.resource(created(deploymentObject, rs))
				.create();
			rs.writtenSpec = rs.specKey();
		}
		catch (KubernetesClientException ex) {
			if (ex.getCode() != 409) {
				throw ex;
			}
			// one of the same name is left over (a create whose answer was lost): take it
			// over, its spec and status written below
			rs.api = this.client.apps().replicaSets().inNamespace(this.namespace).withName(rs.name).get();
			rs.writtenSpec = null;
		}
	}

	private ReplicaSet created(Deployment deploymentObject, Owned rs) {
		Map<String, String> labels = new LinkedHashMap<>(
				Objects.requireNonNullElse(rs.template.getMetadata().getLabels(), Map.of()));
		labels.put(HASH_LABEL, rs.hash);
		Map<String, String> selector = new LinkedHashMap<>(Objects.requireNonNullElse(
				(deploymentObject.getSpec().getSelector() != null)
						? deploymentObject.getSpec().getSelector().getMatchLabels() : null,
				Objects.requireNonNullElse(rs.template.getMetadata().getLabels(), Map.of())));
		selector.put(HASH_LABEL, rs.hash);
		PodTemplateSpec labelled = new PodTemplateSpecBuilder(rs.template).editOrNewMetadata()
			.withLabels(labels)
			.endMetadata()
			.build();
		return new ReplicaSetBuilder().withNewMetadata()
			.withName(rs.name)
			.withNamespace(this.namespace)
			.withLabels(labels)
			.withAnnotations(rs.annotations())
			.addNewOwnerReference()
			.withApiVersion("apps/v1")
			.withKind("Deployment")
			.withName(this.deployment)
			.withUid(this.uid)
			.withController(true)
			.withBlockOwnerDeletion(true)
			.endOwnerReference()
			.endMetadata()
			.withNewSpec()
			.withReplicas(rs.replicas)
			.withSelector(new LabelSelectorBuilder().withMatchLabels(selector).build())
			.withTemplate(labelled)
			.endSpec()
			.build();
	}

	/**
	 * The pod template hash, spelt as the real controller spells its hashes.
	 * @param template the template without the hash label
	 * @return the hash
	 */
	static String hash(PodTemplateSpec template) {
		long value = Integer.toUnsignedLong(template.hashCode());
		StringBuilder hash = new StringBuilder();
		do {
			hash.append(SAFE_ALPHABET.charAt((int) (value % SAFE_ALPHABET.length())));
			value /= SAFE_ALPHABET.length();
		}
		while (value > 0);
		return hash.toString();
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

	/**
	 * A ReplicaSet of the Deployment: its spec and annotations as the controller sets
	 * them, its pods, and the counts its status reports.
	 */
	static final class Owned {

		static final Comparator<Owned> BY_CREATION = Comparator.comparingLong((rs) -> rs.sequence);

		private static long sequences;

		final String name;

		final String hash;

		final PodTemplateSpec template;

		final long sequence;

		long revision;

		final List<Long> revisionHistory = new ArrayList<>();

		int replicas;

		/** The desired-replicas and max-replicas annotations, -1 when absent. */
		int desiredAnnotation = -1;

		int maxAnnotation = -1;

		final List<Pod> pods = new ArrayList<>();

		int ready;

		int available;

		ReplicaSet api;

		String writtenSpec;

		String writtenStatus;

		Owned(String name, String hash, PodTemplateSpec template, long revision) {
			this.name = name;
			this.hash = hash;
			this.template = template;
			this.revision = revision;
			synchronized (Owned.class) {
				this.sequence = ++sequences;
			}
		}

		/**
		 * Sets the replicas; the ReplicaSet controller creates or deletes the pods on its
		 * next pass ({@link ReplicaSets#refresh}), as the real one does after the
		 * Deployment controller scaled.
		 * @param replicas the replicas
		 */
		void scale(int replicas) {
			this.replicas = replicas;
		}

		/**
		 * What the ReplicaSet controller does: creates or deletes pods until there are as
		 * many as the replicas.
		 * @param now {@link System#nanoTime()}
		 */
		void reconcilePods(long now) {
			while (this.pods.size() < this.replicas) {
				this.pods.add(new Pod(now));
			}
			while (this.pods.size() > this.replicas) {
				// not ready before ready, then the newest first
				Pod victim = this.pods.stream()
					.max(Comparator.comparing((Pod pod) -> pod.readyNanos < 0)
						.thenComparingLong((pod) -> pod.createdNanos))
					.orElseThrow();
				this.pods.remove(victim);
			}
		}

		void count(long now, long minReadyNanos) {
			this.ready = (int) this.pods.stream().filter((pod) -> pod.readyNanos >= 0).count();
			this.available = (int) this.pods.stream()
				.filter((pod) -> pod.readyNanos >= 0 && now - pod.readyNanos >= minReadyNanos)
				.count();
		}

		Map<String, String> annotations() {
			Map<String, String> annotations = new LinkedHashMap<>();
			annotations.put(REVISION, Long.toString(this.revision));
			if (!this.revisionHistory.isEmpty()) {
				annotations.put(REVISION_HISTORY,
						String.join(",", this.revisionHistory.stream().map(String::valueOf).toList()));
			}
			if (this.desiredAnnotation >= 0) {
				annotations.put(DESIRED_REPLICAS, Integer.toString(this.desiredAnnotation));
				annotations.put(MAX_REPLICAS, Integer.toString(this.maxAnnotation));
			}
			return annotations;
		}

		String specKey() {
			return this.replicas + " " + annotations();
		}

		String statusKey() {
			return this.pods.size() + "/" + this.ready + "/" + this.available + "@"
					+ ((this.api != null) ? this.api.getMetadata().getGeneration() : null);
		}

		ReplicaSetStatus status(Long observedGeneration) {
			ReplicaSetStatus status = new ReplicaSetStatus();
			// as the API server serves it: zeros are omitted, but for replicas
			status.setReplicas(this.pods.size());
			status.setFullyLabeledReplicas(orNull(this.pods.size()));
			status.setReadyReplicas(orNull(this.ready));
			status.setAvailableReplicas(orNull(this.available));
			status.setObservedGeneration(observedGeneration);
			return status;
		}

		@Override
		public String toString() {
			return this.name + " (revision " + this.revision + ", " + this.replicas + " replicas, " + this.available
					+ " available)";
		}

	}

	static Integer orNull(int value) {
		return (value != 0) ? value : null;
	}

	/**
	 * A simulated pod: when it was created, and when it became ready.
	 */
	static final class Pod {

		final long createdNanos;

		long readyNanos = -1;

		Pod(long createdNanos) {
			this.createdNanos = createdNanos;
		}

	}

}
