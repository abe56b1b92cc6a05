package io.tagrelay.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts a fault test started (brokers, clusters, services, processes), closed in the
 * reverse order of their start when the test ends, whatever it left running.
 */
final class Parts implements AutoCloseable {

	private final List<AutoCloseable> started = new ArrayList<>();

	/**
	 * Keeps a part to close at the end.
	 * @param <T> its type
	 * @param part the part just started
	 * @return the same part
	 */
	<T extends AutoCloseable> T started(T part) {
		this.started.add(part);
		return part;
	}

	@Override
	public void close() throws Exception {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
		this.started.clear();
	}

}
