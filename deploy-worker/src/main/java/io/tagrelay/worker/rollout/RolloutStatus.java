package io.tagrelay.worker.rollout;

/**
 * One look at a rollout.
 *
 * @param done whether it has succeeded by the target's rule
 * @param failure why it can no longer succeed, or {@code null}
 * @param progress a short description for logs and the failure reason
 */
public record RolloutStatus(boolean done, String failure, String progress) {

	static RolloutStatus succeeded(String progress) {
		return new RolloutStatus(true, null, progress);
	}

	static RolloutStatus waiting(String progress) {
		return new RolloutStatus(false, null, progress);
	}

	static RolloutStatus failed(String failure, String progress) {
		return new RolloutStatus(false, failure, progress);
	}

	/**
	 * Whether the rollout has failed for good.
	 * @return true if {@link #failure()} is set
	 */
	public boolean failed() {
		return this.failure != null;
	}

}
