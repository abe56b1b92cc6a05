package io.tagrelay.model.source;

import io.tagrelay.model.InvalidInputException;

/**
 * Reads one source's notification.
 */
@FunctionalInterface
public interface SourceParser {

	/**
	 * Reads a notification.
	 * @param body the raw request body
	 * @param headers the request's headers, for the sources that name the event in one
	 * (GitHub's {@code X-GitHub-Event})
	 * @return what it announces
	 * @throws InvalidInputException saying what is wrong (never quoting the body), if it
	 * is not a notification of this source
	 */
	Announcement parse(byte[] body, RequestHeaders headers);

	/**
	 * A request's headers.
	 */
	@FunctionalInterface
	interface RequestHeaders {

		/** No headers. */
		RequestHeaders NONE = (name) -> null;

		/**
		 * The first value of a header.
		 * @param name the header's name, in any case
		 * @return its first value, or null if absent
		 */
		String first(String name);

	}

}
