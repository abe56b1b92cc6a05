package io.tagrelay.ingest.hygiene;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a raw query string strictly, before the container decodes it: every {@code %}
 * starts a two-digit hex escape, what the escapes spell is UTF-8, no name or value holds
 * a control character, and no parameter is given twice (which of two values counts would
 * be a guess). The reason never quotes the query, which may hold a secret.
 */
final class QueryString {

	private QueryString() {
	}

	/**
	 * What is wrong with a query string.
	 * @param query the raw query string, may be null
	 * @return the reason it is refused, or null if it is well formed
	 */
	static String problem(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		Set<String> names = new HashSet<>();
		for (String pair : query.split("&", -1)) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			if (name == null || value == null) {
				return "the query string has an invalid percent-encoding or is not UTF-8";
			}
			if (hasControlCharacter(name) || hasControlCharacter(value)) {
				return "the query string holds a control character";
			}
			if (!names.add(name)) {
				return "a query parameter is given more than once";
			}
		}
		return null;
	}

	private static String decode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					return null;
				}
				int high = hex(text.charAt(i + 1));
				int low = hex(text.charAt(i + 2));
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.write(high * 16 + low);
				i += 2;
			}
			else if (c == '+') {
				bytes.write(' ');
			}
			else if (c > 0x7f) {
				return null;
			}
			else {
				bytes.write(c);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static int hex(char c) {
		return (c < 0x80) ? Character.digit(c, 16) : -1;
	}

	private static boolean hasControlCharacter(String text) {
		return text.chars().anyMatch((c) -> Character.isISOControl(c));
	}

}
