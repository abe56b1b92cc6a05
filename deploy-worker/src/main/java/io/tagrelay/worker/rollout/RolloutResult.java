package io.tagrelay.worker.rollout;

import java.time.Duration;

/**
 * How a rollout ended.
 *
 * @param succeeded whether it succeeded
 * @param reason why it failed, or {@code null}
 * @param duration how long the wait took
 */
public record RolloutResult(boolean succeeded, String reason, Duration duration) {
}
