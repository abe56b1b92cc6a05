package io.tagrelay.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads the token a caller presents: {@code Authorization: Bearer <token>}, or the
 * password of {@code Authorization: Basic} with any user name (Quay can only send
 * credentials embedded in the URL, {@code https://relay:<token>@host/webhook}).
 */
final class PresentedToken {

	private PresentedToken() {
	}

	/**
	 * The presented token.
	 * @param authorization the {@code Authorization} header, may be null
	 * @return the token, or null if none is presented
	 */
	static String from(String authorization) {
		if (authorization == null) {
			return null;
		}
		int space = authorization.indexOf(' ');
		if (space < 0) {
			return null;
		}
		String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
		String credentials = authorization.substring(space + 1).trim();
		return switch (scheme) {
			case "bearer" -> credentials;
			case "basic" -> basicPassword(credentials);
			default -> null;
		};
	}

	private static String basicPassword(String credentials) {
		try {
			String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon < 0) ? null : decoded.substring(colon + 1);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
