package io.tagrelay.worker.deploy;

import java.util.List;

/**
 * Handling the events of a poll failed for some of them: the events that failed (a run of
 * one repository, applied together) and every event not handled (those, and the later
 * events of the same repository, held back to keep its order). Every other event of the
 * poll has its outcomes published.
 */
public class EventsFailedException extends RuntimeException {

	private final List<Integer> failed;

	private final List<Integer> unhandled;

	public EventsFailedException(List<Integer> failed, List<Integer> unhandled, RuntimeException cause) {
		super(cause.getMessage(), cause);
		this.failed = List.copyOf(failed);
		this.unhandled = List.copyOf(unhandled);
	}

	/**
	 * The indexes in the poll of the events whose handling failed.
	 * @return the indexes, ascending
	 */
	public List<Integer> failed() {
		return this.failed;
	}

	/**
	 * The indexes in the poll of the events that have not been handled: the failed ones,
	 * and those of the same repositories after them.
	 * @return the indexes, ascending
	 */
	public List<Integer> unhandled() {
		return this.unhandled;
	}

}
