package io.tagrelay.worker.rollout;

import java.time.Duration;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * How a rollout ended.
 *
 * @param succeeded whether it succeeded
 * @param reason why it failed, or {@code null}
 * @param duration how long the wait took
 * @param last the Deployment as its last check read it, or {@code null} if none could
 * @param unchecked whether it ended because the API server did not answer the checks (not
 * a verdict on the rollout)
 */
public record RolloutResult(boolean succeeded, String reason, Duration duration, Deployment last, boolean unchecked) {
}
