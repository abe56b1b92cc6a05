package io.tagrelay.worker.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} challenge (RFC 9110 §11.6.1), e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"}
 * or {@code Basic realm="Registry"}.
 *
 * @param scheme the scheme, lower case: {@code bearer} or {@code basic}
 * @param parameters its parameters by lower-case name
 */
record Challenge(String scheme, Map<String, String> parameters) {

	private static final Pattern SCHEME = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9._~+/-]*)\\s*");

	private static final Pattern PARAMETER = Pattern
		.compile("\\s*,?\\s*([A-Za-z0-9_.-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]*))");

	/**
	 * Reads the first challenge of a header.
	 * @param header the header's value, may be null
	 * @return the challenge, or empty if the header holds none
	 */
	static Optional<Challenge> parse(String header) {
		if (header == null) {
			return Optional.empty();
		}
		Matcher scheme = SCHEME.matcher(header);
		if (!scheme.lookingAt()) {
			return Optional.empty();
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		Matcher parameter = PARAMETER.matcher(header);
		parameter.region(scheme.end(), header.length());
		while (parameter.lookingAt()) {
			String value = (parameter.group(2) != null) ? parameter.group(2).replaceAll("\\\\(.)", "$1")
					: parameter.group(3);
			parameters.putIfAbsent(parameter.group(1).toLowerCase(Locale.ROOT), value);
			parameter.region(parameter.end(), header.length());
		}
		return Optional.of(new Challenge(scheme.group(1).toLowerCase(Locale.ROOT), Map.copyOf(parameters)));
	}

	boolean isBearer() {
		return this.scheme.equals("bearer") && this.parameters.containsKey("realm");
	}

	boolean isBasic() {
		return this.scheme.equals("basic");
	}

	String parameter(String name) {
		return this.parameters.get(name);
	}

}
