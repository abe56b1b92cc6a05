package io.tagrelay.reliability;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for what a test then counts: the count, not the wait, says what went wrong, so
 * a wait that runs out is not a failure by itself.
 */
final class Waiting {

	private Waiting() {
	}

	/**
	 * Waits until the condition holds or the time is up.
	 * @param atMost the longest wait
	 * @param condition what to wait for
	 * @return whether it held
	 */
	static boolean until(Duration atMost, Callable<Boolean> condition) {
		try {
			Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

}
