package io.tagrelay.bench.load;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of measured latencies (nearest rank).
 *
 * @param sortedNanos the latencies, ascending
 */
public record Latencies(long[] sortedNanos) {

	/**
	 * Sorts latencies.
	 * @param nanos the latencies in nanoseconds
	 * @return them
	 */
	public static Latencies of(Collection<Long> nanos) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		return new Latencies(sorted);
	}

	/**
	 * A percentile.
	 * @param percent e.g. 99
	 * @return milliseconds
	 */
	public double millis(double percent) {
		if (this.sortedNanos.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100 * this.sortedNanos.length);
		return this.sortedNanos[Math.max(0, Math.min(rank, this.sortedNanos.length) - 1)] / 1e6;
	}

	/**
	 * How many.
	 * @return the count
	 */
	public int count() {
		return this.sortedNanos.length;
	}

}
