package io.tagrelay.testing.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request the registry answered, as its access log has it.
 *
 * @param method the HTTP method
 * @param path the path and query
 * @param status the status it answered
 * @param userAgent the client's {@code User-Agent}
 */
public record RegistryRequest(String method, String path, int status, String userAgent) {

	// Distribution's access log is Apache's combined format:
	// 127.0.0.1 - - [02/Dec/2026:05:01:50 +0000] "PUT /v2/acme/web/manifests/1.1.0
	// HTTP/1.1" 201 0 "" "skopeo/1.9.3"
	private static final Pattern COMBINED = Pattern
		.compile("^\\S+ \\S+ \\S+ \\[[^\\]]+\\] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) \\S+ \"[^\"]*\" \"([^\"]*)\"");

	private static final Pattern REPOSITORY_API = Pattern.compile("^/v2/(.+?)/(?:manifests|tags|blobs|referrers)/");

	static Optional<RegistryRequest> parse(String line) {
		Matcher matcher = COMBINED.matcher(line);
		if (!matcher.find()) {
			return Optional.empty();
		}
		return Optional.of(new RegistryRequest(matcher.group(1), matcher.group(2), Integer.parseInt(matcher.group(3)),
				matcher.group(4)));
	}

	/**
	 * The repository whose API it asked, e.g. {@code acme/web} for
	 * {@code /v2/acme/web/tags/list}.
	 * @return the repository, or empty for {@code /v2/} and {@code /v2/_catalog}
	 */
	public Optional<String> repository() {
		Matcher matcher = REPOSITORY_API.matcher(this.path);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	/**
	 * Whether it asked a repository's API.
	 * @param repository the repository, e.g. {@code acme/web}
	 * @return whether {@link #repository()} is that one
	 */
	public boolean isFor(String repository) {
		return repository().filter(repository::equals).isPresent();
	}

}
