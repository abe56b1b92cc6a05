package io.tagrelay.model.image;

import java.util.regex.Pattern;

import io.tagrelay.model.Printable;

/**
 * Manifest digests as registries and runtimes accept them: {@code sha256}, {@code sha384}
 * or {@code sha512}, lower-case hex of the exact length.
 */
public final class Digests {

	private static final Pattern DIGEST = Pattern
		.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");

	private Digests() {
	}

	/**
	 * Whether the text is a valid digest.
	 * @param digest the text
	 * @return true if it is a digest a runtime could pull
	 */
	public static boolean isValid(String digest) {
		return digest != null && DIGEST.matcher(digest).matches();
	}

	/**
	 * Returns the digest if it is valid.
	 * @param digest the text
	 * @return the digest
	 * @throws InvalidReferenceException if it is not a valid digest
	 */
	public static String require(String digest) {
		if (!isValid(digest)) {
			throw new InvalidReferenceException("invalid digest '" + Printable.of(digest) + "'");
		}
		return digest;
	}

}
