package io.tagrelay.worker.deploy;

/**
 * Handling the events of a poll failed; every event before {@link #firstUnhandled()} has
 * been handled.
 */
public class EventsFailedException extends RuntimeException {

	private final int firstUnhandled;

	/**
	 * Creates the exception.
	 * @param firstUnhandled the index of the first event of the poll not handled
	 * @param cause why it was not
	 */
	public EventsFailedException(int firstUnhandled, RuntimeException cause) {
		super(cause.getMessage(), cause);
		this.firstUnhandled = firstUnhandled;
	}

	/**
	 * The index of the first event of the poll that has not been handled.
	 * @return the index
	 */
	public int firstUnhandled() {
		return this.firstUnhandled;
	}

}
