package io.tagrelay.worker.rollout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.tagrelay.model.target.RolloutPolicy;

/**
 * Judges a Deployment's rollout as the Deployment controller reports it, reading every
 * status field null-safely.
 * <ul>
 * <li>A paused Deployment fails at once: nothing will roll out until someone resumes
 * it.</li>
 * <li>Until the controller has observed the current generation, nothing in the status is
 * about this rollout: it waits (an earlier rollout's progress deadline is not this
 * one's).</li>
 * <li>Then a {@code Progressing} condition with reason {@code ProgressDeadlineExceeded}
 * fails it, with the condition's message.</li>
 * <li>{@code COMPLETE} is what {@code kubectl rollout status} reports
 * ({@code polymorphichelpers/rollout_status.go}): every desired replica updated, no old
 * replica left, every updated replica available.</li>
 * <li>{@code AVAILABLE} (updatekate) is one available replica of the new ReplicaSet, the
 * one whose template is the Deployment's: old pods never count, nor new ones that are not
 * ready. A Deployment of 0 replicas has nothing to wait for.</li>
 * </ul>
 */
final class RolloutJudge {

	static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

	private RolloutJudge() {
	}

	static RolloutStatus judge(Deployment deployment, RolloutPolicy.Success success, Optional<ReplicaSet> newRs) {
		DeploymentStatus status = Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
		DeploymentSpec spec = Objects.requireNonNullElseGet(deployment.getSpec(), DeploymentSpec::new);
		long generation = orZero(deployment.getMetadata().getGeneration());
		long observed = orZero(status.getObservedGeneration());
		int desired = Objects.requireNonNullElse(spec.getReplicas(), 1);
		int updated = orZero(status.getUpdatedReplicas());
		int replicas = orZero(status.getReplicas());
		int available = orZero(status.getAvailableReplicas());
		int newAvailable = newRs.map(ReplicaSet::getStatus).map(ReplicaSetStatus::getAvailableReplicas).orElse(0);
		String progress = "observedGeneration " + observed + "/" + generation + ", updated " + updated + "/" + desired
				+ ", replicas " + replicas + ", available " + available + ", available of the new spec " + newAvailable;
		if (Boolean.TRUE.equals(spec.getPaused())) {
			return RolloutStatus.failed("the Deployment is paused", progress);
		}
		if (observed < generation) {
			return RolloutStatus.waiting(progress);
		}
		Optional<DeploymentCondition> deadline = deadlineExceeded(status.getConditions());
		if (deadline.isPresent()) {
			return RolloutStatus.failed("progress deadline exceeded (" + deadline.get().getReason() + ": "
					+ Objects.toString(deadline.get().getMessage(), "no message") + ")", progress);
		}
		boolean done = switch (success) {
			case COMPLETE -> updated >= desired && replicas <= updated && available >= updated;
			case AVAILABLE -> desired == 0 || newAvailable >= 1;
		};
		return done ? RolloutStatus.succeeded(progress) : RolloutStatus.waiting(progress);
	}

	private static Optional<DeploymentCondition> deadlineExceeded(List<DeploymentCondition> conditions) {
		return Objects.requireNonNullElse(conditions, List.<DeploymentCondition>of())
			.stream()
			.filter((c) -> "Progressing".equals(c.getType()) && DEADLINE_EXCEEDED.equals(c.getReason()))
			.findFirst();
	}

	private static long orZero(Long value) {
		return (value != null) ? value : 0L;
	}

	private static int orZero(Integer value) {
		return (value != null) ? value : 0;
	}

}
