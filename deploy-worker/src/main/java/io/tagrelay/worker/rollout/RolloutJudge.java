package io.tagrelay.worker.rollout;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.tagrelay.model.target.RolloutPolicy;

/**
 * Judges a Deployment's rollout, reading its status null-safely.
 * <ul>
 * <li>{@code COMPLETE}, as {@code kubectl rollout status}: the controller has seen the
 * current generation, every desired replica is updated, no old replica is left, and every
 * updated replica is available.</li>
 * <li>{@code AVAILABLE}, as updatekate: the controller has seen the current generation
 * and at least one updated replica is available.</li>
 * </ul>
 * A {@code Progressing} condition with reason {@code ProgressDeadlineExceeded} fails the
 * rollout at once.
 */
final class RolloutJudge {

	static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

	private RolloutJudge() {
	}

	static RolloutStatus judge(Deployment deployment, RolloutPolicy.Success success) {
		DeploymentStatus status = Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
		DeploymentSpec spec = Objects.requireNonNullElseGet(deployment.getSpec(), DeploymentSpec::new);
		long generation = orZero(deployment.getMetadata().getGeneration());
		long observed = orZero(status.getObservedGeneration());
		int desired = Objects.requireNonNullElse(spec.getReplicas(), 1);
		int replicas = orZero(status.getReplicas());
		int updated = orZero(status.getUpdatedReplicas());
		int available = orZero(status.getAvailableReplicas());
		String progress = "observedGeneration " + observed + "/" + generation + ", updated " + updated + "/" + desired
				+ ", replicas " + replicas + ", available " + available;
		if (deadlineExceeded(status.getConditions())) {
			return RolloutStatus.failed("progress deadline exceeded", progress);
		}
		boolean seen = observed >= generation;
		boolean done = switch (success) {
			case COMPLETE -> seen && updated == desired && replicas == updated && available == updated;
			case AVAILABLE -> seen && updated >= 1 && available >= 1;
		};
		return done ? RolloutStatus.succeeded(progress) : RolloutStatus.waiting(progress);
	}

	private static boolean deadlineExceeded(List<DeploymentCondition> conditions) {
		return conditions != null && conditions.stream()
			.anyMatch((c) -> "Progressing".equals(c.getType()) && DEADLINE_EXCEEDED.equals(c.getReason()));
	}

	private static long orZero(Long value) {
		return (value != null) ? value : 0L;
	}

	private static int orZero(Integer value) {
		return (value != null) ? value : 0;
	}

}
