package io.tagrelay.worker.rollout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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
 * ready. A Deployment of 0 replicas has nothing to wait for. The ReplicaSets are read
 * only while the status leaves it open: a complete rollout has only new replicas, and one
 * with no replica updated has none.</li>
 * </ul>
 */
final class RolloutJudge {

	static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

	private RolloutJudge() {
	}

	static RolloutStatus judge(Deployment deployment, RolloutPolicy.Success success, Optional<ReplicaSet> newRs) {
		return judge(deployment, success, () -> newRs);
	}

	/**
	 * Judges a rollout, reading the new ReplicaSet only if the Deployment's status cannot
	 * settle the verdict alone: for {@code AVAILABLE}, while some of its replicas are
	 * updated and some old ones are left.
	 * @param deployment the Deployment as last seen
	 * @param success the target's rule
	 * @param newRs reads the new ReplicaSet, if there is one
	 * @return the verdict
	 */
	static RolloutStatus judge(Deployment deployment, RolloutPolicy.Success success,
			Supplier<Optional<ReplicaSet>> newRs) {
		DeploymentStatus status = Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
		DeploymentSpec spec = Objects.requireNonNullElseGet(deployment.getSpec(), DeploymentSpec::new);
		long generation = orZero(deployment.getMetadata().getGeneration());
		long observed = orZero(status.getObservedGeneration());
		int desired = Objects.requireNonNullElse(spec.getReplicas(), 1);
		int updated = orZero(status.getUpdatedReplicas());
		int replicas = orZero(status.getReplicas());
		int available = orZero(status.getAvailableReplicas());
		String progress = "observedGeneration " + observed + "/" + generation + ", updated " + updated + "/" + desired
				+ ", replicas " + replicas + ", available " + available;
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
		boolean complete = updated >= desired && replicas <= updated && available >= updated;
		if (success == RolloutPolicy.Success.COMPLETE) {
			return complete ? RolloutStatus.succeeded(progress) : RolloutStatus.waiting(progress);
		}
		// a complete rollout left only replicas of the new spec; with none updated there
		// is none of it yet: the ReplicaSets would say no more
		if (desired == 0 || complete) {
			return RolloutStatus.succeeded(progress);
		}
		if (updated == 0) {
			return RolloutStatus.waiting(progress);
		}
		int newAvailable = newRs.get().map(ReplicaSet::getStatus).map(ReplicaSetStatus::getAvailableReplicas).orElse(0);
		progress += ", available of the new spec " + newAvailable;
		return (newAvailable >= 1) ? RolloutStatus.succeeded(progress) : RolloutStatus.waiting(progress);
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
