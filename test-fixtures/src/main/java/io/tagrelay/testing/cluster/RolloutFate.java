package io.tagrelay.testing.cluster;

/**
 * What becomes of a Deployment's rollouts, as a test sets it for each Deployment
 * ({@link DeploymentController#fate(String, String, RolloutFate)}).
 */
public enum RolloutFate {

	/**
	 * Every replica is updated and available once the rollout time has passed, as a
	 * healthy rollout would end.
	 */
	COMPLETES,

	/**
	 * The change is observed, but the rollout never completes: the new replicas never
	 * become available.
	 */
	STALLS

}
