package io.tagrelay.worker.select;

/**
 * What {@link TagSelector} decided for one container: a tag to apply, or why none.
 *
 * @param tag the tag to apply, exactly as pushed, or {@code null}
 * @param reason why nothing is applied, or {@code null} when a tag was chosen
 */
public record Selection(String tag, String reason) {

	static Selection of(String tag) {
		return new Selection(tag, null);
	}

	static Selection skip(String reason) {
		return new Selection(null, reason);
	}

	/**
	 * Whether a tag was chosen.
	 * @return true if {@link #tag()} is set
	 */
	public boolean chosen() {
		return this.tag != null;
	}

}
