package io.tagrelay.worker.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.tagrelay.model.target.RolloutPolicy.Success;
import org.junit.jupiter.api.Test;

import static io.tagrelay.model.target.RolloutPolicy.Success.AVAILABLE;
import static io.tagrelay.model.target.RolloutPolicy.Success.COMPLETE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts of {@code kubectl rollout status} for {@code complete}, and of the new
 * ReplicaSet for {@code available}, on the status the Deployment controller reports.
 */
class RolloutJudgeTests {

	static final String UID = "d-uid";

	@Test
	void waitsWhileTheControllerHasNotObservedTheNewGeneration() {
		DeploymentBuilder deployment = deployment(3, 2).editStatus().withObservedGeneration(1L).endStatus();
		assertThat(judge(deployment, COMPLETE).done()).isFalse();
		assertThat(judge(deployment, AVAILABLE, available(3)).done()).isFalse();
	}

	@Test
	void ignoresAnEarlierRolloutsDeadlineUntilTheNewGenerationIsObserved() {
		DeploymentBuilder deployment = deadlineExceeded(deployment(3, 2)).editStatus()
			.withObservedGeneration(1L)
			.endStatus();
		RolloutStatus judged = judge(deployment, COMPLETE);
		assertThat(judged.failed()).isFalse();
		assertThat(judged.done()).isFalse();
	}

	@Test
	void failsOnTheObservedProgressDeadlineSayingWhy() {
		DeploymentBuilder deployment = deadlineExceeded(deployment(3, 2));
		for (Success success : Success.values()) {
			RolloutStatus judged = judge(deployment, success);
			assertThat(judged.failed()).isTrue();
			assertThat(judged.failure()).contains("progress deadline exceeded")
				.contains("ReplicaSet \"web-7f\" has timed out progressing.");
		}
	}

	@Test
	void failsAPausedDeploymentSayingSo() {
		DeploymentBuilder deployment = deployment(3, 2).editSpec().withPaused(true).endSpec();
		for (Success success : Success.values()) {
			assertThat(judge(deployment, success).failure()).isEqualTo("the Deployment is paused");
		}
	}

	@Test
	void completesWhenEveryReplicaIsUpdatedAndAvailableWithNoOldOnesLeft() {
		assertThat(judge(deployment(3, 3).editStatus().withUpdatedReplicas(3).endStatus(), COMPLETE).done()).isTrue();
	}

	@Test
	void completesWhenMoreReplicasAreUpdatedThanDesiredAfterAScaleDown() {
		DeploymentBuilder scaledDown = deployment(2, 3).editStatus().withUpdatedReplicas(3).endStatus();
		assertThat(judge(scaledDown, COMPLETE).done()).isTrue();
	}

	@Test
	void isNotCompleteWhileOldReplicasAreStillServing() {
		DeploymentBuilder surge = deployment(3, 4).editStatus().withUpdatedReplicas(3).endStatus();
		assertThat(judge(surge, COMPLETE).done()).isFalse();
	}

	@Test
	void isNotCompleteWhileAnUpdatedReplicaIsUnavailable() {
		DeploymentBuilder deployment = deployment(3, 3).editStatus()
			.withUpdatedReplicas(3)
			.withAvailableReplicas(2)
			.endStatus();
		assertThat(judge(deployment, COMPLETE).done()).isFalse();
	}

	@Test
	void isAvailableWithOneAvailableReplicaOfTheNewSpec() {
		DeploymentBuilder midRollout = deployment(3, 4).editStatus()
			.withUpdatedReplicas(1)
			.withAvailableReplicas(3)
			.endStatus();
		assertThat(judge(midRollout, AVAILABLE, available(1)).done()).isTrue();
		assertThat(judge(midRollout, COMPLETE).done()).isFalse();
	}

	@Test
	void isNotAvailableWhileOnlyOldPodsServeNextToCrashingNewOnes() {
		DeploymentBuilder crashLoop = deployment(3, 3).editStatus()
			.withUpdatedReplicas(1)
			.withAvailableReplicas(2)
			.endStatus();
		assertThat(judge(crashLoop, AVAILABLE, available(0)).done()).isFalse();
		assertThat(judge(crashLoop, AVAILABLE, Optional.empty()).done()).isFalse();
	}

	@Test
	void readsTheReplicaSetsOnlyWhileTheStatusLeavesAnAvailableRolloutOpen() {
		List<String> reads = new ArrayList<>();
		Supplier<Optional<ReplicaSet>> newRs = () -> {
			reads.add("replicasets");
			return available(1);
		};
		DeploymentBuilder complete = deployment(2, 2).editStatus().withUpdatedReplicas(2).endStatus();
		DeploymentBuilder noneUpdated = deployment(2, 2);
		DeploymentBuilder midRollout = deployment(2, 3).editStatus().withUpdatedReplicas(1).endStatus();

		assertThat(RolloutJudge.judge(complete.build(), AVAILABLE, newRs).done()).isTrue();
		assertThat(RolloutJudge.judge(noneUpdated.build(), AVAILABLE, newRs).done()).isFalse();
		assertThat(reads).isEmpty();
		assertThat(RolloutJudge.judge(midRollout.build(), AVAILABLE, newRs).done()).isTrue();
		assertThat(reads).hasSize(1);
	}

	@Test
	void succeedsAtOnceWithZeroReplicas() {
		DeploymentBuilder none = deployment(0, 0).editStatus().withAvailableReplicas(0).endStatus();
		assertThat(judge(none, COMPLETE).done()).isTrue();
		assertThat(judge(none, AVAILABLE, Optional.empty()).done()).isTrue();
	}

	@Test
	void readsAMissingStatusAsNothingDoneYet() {
		Deployment deployment = deployment(1, 1).withStatus(null).build();
		RolloutStatus judged = RolloutJudge.judge(deployment, AVAILABLE, Optional.empty());
		assertThat(judged.done()).isFalse();
		assertThat(judged.failed()).isFalse();
	}

	@Test
	void findsTheNewReplicaSetByItsTemplateIgnoringTheHashLabel() {
		Deployment deployment = deployment(3, 3).build();
		ReplicaSet current = replicaSet("web-new", UID, "quay.io/acme/web:1.1.0");
		ReplicaSet old = replicaSet("web-old", UID, "quay.io/acme/web:1.0.0");
		ReplicaSet foreign = replicaSet("other", "other-uid", "quay.io/acme/web:1.1.0");
		assertThat(NewReplicaSet.of(deployment, List.of(old, foreign, current)))
			.hasValueSatisfying((found) -> assertThat(found.getMetadata().getName()).isEqualTo("web-new"));
		assertThat(NewReplicaSet.of(deployment, List.of(old, foreign))).isEmpty();
	}

	private static RolloutStatus judge(DeploymentBuilder deployment, Success success) {
		return judge(deployment, success, Optional.empty());
	}

	private static RolloutStatus judge(DeploymentBuilder deployment, Success success, Optional<ReplicaSet> newRs) {
		return RolloutJudge.judge(deployment.build(), success, newRs);
	}

	/**
	 * A Deployment of {@code desired} replicas at generation 2, observed, with
	 * {@code replicas} pods all available and none updated yet.
	 */
	private static DeploymentBuilder deployment(int desired, int replicas) {
		return new DeploymentBuilder().withNewMetadata()
			.withName("web")
			.withNamespace("demo")
			.withUid(UID)
			.withGeneration(2L)
			.endMetadata()
			.withNewSpec()
			.withReplicas(desired)
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("app", "web")
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName("web")
			.withImage("quay.io/acme/web:1.1.0")
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.withNewStatus()
			.withObservedGeneration(2L)
			.withReplicas(replicas)
			.withUpdatedReplicas(0)
			.withAvailableReplicas(replicas)
			.endStatus();
	}

	private static DeploymentBuilder deadlineExceeded(DeploymentBuilder deployment) {
		return deployment.editStatus()
			.withConditions(new DeploymentConditionBuilder().withType("Progressing")
				.withStatus("False")
				.withReason("ProgressDeadlineExceeded")
				.withMessage("ReplicaSet \"web-7f\" has timed out progressing.")
				.build())
			.endStatus();
	}

	private static Optional<ReplicaSet> available(int replicas) {
		return Optional.of(new ReplicaSetBuilder().withNewStatus().withAvailableReplicas(replicas).endStatus().build());
	}

	private static ReplicaSet replicaSet(String name, String ownerUid, String image) {
		return new ReplicaSetBuilder().withNewMetadata()
			.withName(name)
			.addNewOwnerReference()
			.withUid(ownerUid)
			.withController(true)
			.withKind("Deployment")
			.withName("web")
			.endOwnerReference()
			.endMetadata()
			.withNewSpec()
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("app", "web")
			.addToLabels(NewReplicaSet.HASH_LABEL, name.hashCode() + "")
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName("web")
			.withImage(image)
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

}
