package io.tagrelay.worker.rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import org.junit.jupiter.api.Test;

import static io.tagrelay.model.target.RolloutPolicy.Success.AVAILABLE;
import static io.tagrelay.model.target.RolloutPolicy.Success.COMPLETE;
import static org.assertj.core.api.Assertions.assertThat;

class RolloutJudgeTests {

	@Test
	void waitsWhileTheControllerHasNotSeenTheNewGeneration() {
		Deployment deployment = deployment(3, 2, status(1, 3, 3, 3));
		assertThat(RolloutJudge.judge(deployment, COMPLETE).done()).isFalse();
		assertThat(RolloutJudge.judge(deployment, AVAILABLE).done()).isFalse();
	}

	@Test
	void completesWhenEveryReplicaIsUpdatedAndAvailableWithNoOldOnesLeft() {
		assertThat(RolloutJudge.judge(deployment(3, 2, status(3, 3, 3, 3)), COMPLETE).done()).isTrue();
	}

	@Test
	void isNotCompleteWhileOldReplicasRemain() {
		assertThat(RolloutJudge.judge(deployment(3, 2, status(3, 4, 3, 3)), COMPLETE).done()).isFalse();
	}

	@Test
	void isNotCompleteWhileAnUpdatedReplicaIsUnavailable() {
		assertThat(RolloutJudge.judge(deployment(3, 2, status(3, 3, 3, 2)), COMPLETE).done()).isFalse();
	}

	@Test
	void isAvailableAsUpdatekateWithOneUpdatedAvailableReplica() {
		Deployment deployment = deployment(3, 2, status(2, 3, 1, 1));
		assertThat(RolloutJudge.judge(deployment, AVAILABLE).done()).isTrue();
		assertThat(RolloutJudge.judge(deployment, COMPLETE).done()).isFalse();
	}

	@Test
	void failsAtOnceWhenTheProgressDeadlineIsExceeded() {
		DeploymentStatus status = status(2, 3, 1, 0);
		status.setConditions(java.util.List
			.of(new io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder().withType("Progressing")
				.withStatus("False")
				.withReason("ProgressDeadlineExceeded")
				.build()));
		RolloutStatus judged = RolloutJudge.judge(deployment(3, 2, status), COMPLETE);
		assertThat(judged.failed()).isTrue();
		assertThat(judged.failure()).contains("progress deadline exceeded");
	}

	@Test
	void readsAMissingStatusAsNothingDoneYet() {
		RolloutStatus judged = RolloutJudge.judge(deployment(1, 1, null), AVAILABLE);
		assertThat(judged.done()).isFalse();
		assertThat(judged.failed()).isFalse();
	}

	private static DeploymentStatus status(long observed, int replicas, int updated, int available) {
		return new DeploymentStatusBuilder().withObservedGeneration(observed)
			.withReplicas(replicas)
			.withUpdatedReplicas(updated)
			.withAvailableReplicas(available)
			.build();
	}

	private static Deployment deployment(int replicas, long generation, DeploymentStatus status) {
		return new DeploymentBuilder().withNewMetadata()
			.withName("web")
			.withGeneration(generation)
			.endMetadata()
			.withNewSpec()
			.withReplicas(replicas)
			.endSpec()
			.withStatus(status)
			.build();
	}

}
