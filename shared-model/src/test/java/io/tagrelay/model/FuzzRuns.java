package io.tagrelay.model;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes a fuzz test fail if it fuzzed too little to mean anything: when
 * {@code JAZZER_FUZZ} is set, at least {@value #MIN_EXECUTIONS} executions; otherwise
 * (regression mode, seeds only) at least one.
 */
public final class FuzzRuns {

	/** The fewest executions a fuzzing run must make. */
	public static final long MIN_EXECUTIONS = 200;

	private FuzzRuns() {
	}

	/**
	 * Prints and checks the number of executions of a fuzz test class.
	 * @param test the fuzz test class
	 * @param executions how often its target ran
	 */
	public static void report(Class<?> test, long executions) {
		boolean fuzzing = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();
		System.out.println(test.getSimpleName() + ": " + executions + " executions ("
				+ (fuzzing ? "fuzzing" : "regression: seeds only") + ")");
		assertThat(executions).as("executions of " + test.getSimpleName())
			.isGreaterThanOrEqualTo(fuzzing ? MIN_EXECUTIONS : 1);
	}

}
