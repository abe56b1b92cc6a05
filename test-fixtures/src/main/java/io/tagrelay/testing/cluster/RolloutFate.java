package io.tagrelay.testing.cluster;

/**
 * What becomes of a Deployment's rollouts, as a test sets it for each Deployment
 * ({@link DeploymentController#fate(String, String, RolloutFate)}): a shorthand for the
 * {@link PodFate} of its pods.
 */
public enum RolloutFate {

	/**
	 * Its pods become ready after the cluster's pod start time ({@link PodFate#ready()}):
	 * the rolling update goes on step by step until every replica is updated and
	 * available, as a healthy rollout would end.
	 */
	COMPLETES,

	/**
	 * Its pods that are not ready yet never become ready ({@link PodFate#crashLoop()}):
	 * the change is observed, but the rollout never completes; the old pods keep serving
	 * as far as maxUnavailable lets them, until the progress deadline is exceeded.
	 */
	STALLS

}
