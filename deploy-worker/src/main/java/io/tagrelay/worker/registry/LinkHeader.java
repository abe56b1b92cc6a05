package io.tagrelay.worker.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Link} header a registry pages its tag list with (RFC 8288, as the OCI
 * Distribution spec uses it): {@code </v2/acme/web/tags/list?n=100&last=1.2.3>;
 * rel="next"}.
 */
final class LinkHeader {

	private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");

	private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

	private LinkHeader() {
	}

	/**
	 * The target of the link whose relation is {@code next}.
	 * @param header the header's value, or {@code null}
	 * @return the link's target as written, relative or absolute
	 */
	static Optional<String> next(String header) {
		if (header == null) {
			return Optional.empty();
		}
		Matcher link = LINK.matcher(header);
		while (link.find()) {
			Matcher rel = NEXT.matcher(link.group(2));
			while (rel.find()) {
				for (String relation : rel.group(1).trim().split("\\s+")) {
					if (relation.equalsIgnoreCase("next") && !link.group(1).isBlank()) {
						return Optional.of(link.group(1).trim());
					}
				}
			}
		}
		return Optional.empty();
	}

}
