package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * What becomes of a simulated pod, as a test sets it for the pods of a Deployment
 * ({@link DeploymentController#pods(String, String, PodFate)}) or of an image
 * ({@link DeploymentController#podsOfImage(String, PodFate)}). A fate applies to every
 * pod that is not ready yet, from the controller's next pass on: a pod that is ready
 * stays ready (nothing is ever killed), and a pod whose fate changes to one that gets
 * ready becomes ready once it is old enough for it. No pod really runs: a fate only says
 * when the pod counts as ready.
 */
public final class PodFate {

	private static final PodFate READY = new PodFate(null, true, "ready after the cluster's pod start time");

	private static final PodFate CRASH_LOOP = new PodFate(null, false, "crash-looping (never ready)");

	private static final PodFate IMAGE_PULL_FAILS = new PodFate(null, false, "image pull never succeeds (never ready)");

	private final Duration readyAfter;

	private final boolean defaultDelay;

	private final String description;

	private PodFate(Duration readyAfter, boolean defaultDelay, String description) {
		this.readyAfter = readyAfter;
		this.defaultDelay = defaultDelay;
		this.description = description;
	}

	/**
	 * A pod that becomes ready after the cluster's pod start time (the rollout time it
	 * was started with): what every pod does unless a test says otherwise.
	 * @return the fate
	 */
	public static PodFate ready() {
		return READY;
	}

	/**
	 * A pod that becomes ready a given time after it was created, e.g. a slow one.
	 * @param delay how long after its creation
	 * @return the fate
	 */
	public static PodFate readyAfter(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		return new PodFate(delay, false, "ready after " + delay);
	}

	/**
	 * A pod whose container crashes over and over: it never becomes ready.
	 * @return the fate
	 */
	public static PodFate crashLoop() {
		return CRASH_LOOP;
	}

	/**
	 * A pod whose image is never pulled ({@code ErrImagePull}, {@code ImagePullBackOff}):
	 * it never becomes ready.
	 * @return the fate
	 */
	public static PodFate imagePullFails() {
		return IMAGE_PULL_FAILS;
	}

	/**
	 * How long after its creation a pod of this fate becomes ready.
	 * @param podStartTime the cluster's pod start time
	 * @return the delay in nanoseconds, or a negative value for never
	 */
	long readyAfterNanos(Duration podStartTime) {
		if (this.defaultDelay) {
			return podStartTime.toNanos();
		}
		return (this.readyAfter != null) ? this.readyAfter.toNanos() : -1;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
