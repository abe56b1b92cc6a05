package io.tagrelay.model.image;

import java.util.regex.Pattern;

import io.tagrelay.model.Printable;

/**
 * The OCI distribution grammar for tags: {@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}.
 */
public final class Tags {

	private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

	private Tags() {
	}

	/**
	 * Whether the text is a valid tag.
	 * @param tag the text
	 * @return true if it matches the OCI tag grammar
	 */
	public static boolean isValid(String tag) {
		return tag != null && TAG.matcher(tag).matches();
	}

	/**
	 * Returns the tag if it is valid.
	 * @param tag the text
	 * @return the tag
	 * @throws InvalidReferenceException if it is not a valid tag
	 */
	public static String require(String tag) {
		if (!isValid(tag)) {
			throw new InvalidReferenceException("invalid tag '" + Printable.of(tag) + "'");
		}
		return tag;
	}

}
