package io.tagrelay.model;

/**
 * Makes untrusted text safe to quote in an error message or a log line: control
 * characters escaped, length bounded.
 */
public final class Printable {

	private static final int MAX = 80;

	private Printable() {
	}

	/**
	 * Quotes the text safely.
	 * @param text untrusted text, may be null
	 * @return a bounded, printable form
	 */
	public static String of(String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length() && out.length() < MAX; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		if (out.length() >= MAX && text.length() > MAX) {
			out.append("...");
		}
		return out.toString();
	}

}
