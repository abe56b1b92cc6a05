package io.tagrelay.testing.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An endpoint of the registry's {@code notifications} configuration: where it POSTs its
 * event envelopes, and the static headers it sends with each (the only proof a
 * Distribution registry can give).
 *
 * @param url where the envelopes go
 * @param headers the headers, each with its values
 */
public record Notification(URI url, Map<String, List<String>> headers) {

	public Notification {
		Objects.requireNonNull(url, "url");
		headers = Map.copyOf(headers);
	}

	/**
	 * An endpoint that proves itself with an {@code Authorization} header.
	 * @param url where the envelopes go
	 * @param authorization the header's value, e.g. {@code Bearer <token>}, or
	 * {@code null} for none
	 * @return the endpoint
	 */
	public static Notification to(URI url, String authorization) {
		return new Notification(url,
				(authorization != null) ? Map.of("Authorization", List.of(authorization)) : Map.of());
	}

	@Override
	public String toString() {
		return "Notification[url=" + this.url + ", headers=" + this.headers.keySet() + "]";
	}

}
