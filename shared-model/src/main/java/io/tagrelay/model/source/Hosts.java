package io.tagrelay.model.source;

import java.util.Locale;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Printable;

/**
 * The registry host a notification names, which must be one an image reference can name:
 * without a dot, a port or being {@code localhost}, a first path component reads as a
 * Docker Hub namespace, and the push would be announced for another repository.
 */
final class Hosts {

	private Hosts() {
	}

	/**
	 * The repository at a host.
	 * @param host the host as the notification sent it, with a port if any
	 * @param path the repository path inside the registry
	 * @param field how messages name the host's field
	 * @return {@code host/path}, the host in lower case
	 * @throws InvalidInputException if the host is not one a reference can name
	 */
	static String repository(String host, String path, String field) {
		return require(host, field) + "/" + path;
	}

	/**
	 * Requires that a reference starts with a registry host.
	 * @param reference an image reference or repository, e.g.
	 * {@code harbor.example.com/library/web:1.0}
	 * @param field how messages name its field
	 * @return the reference
	 * @throws InvalidInputException if it names no registry host
	 */
	static String requireHostIn(String reference, String field) {
		int slash = reference.indexOf('/');
		require((slash < 0) ? "" : reference.substring(0, slash), field + "'s host");
		return reference;
	}

	private static String require(String host, String field) {
		String lower = host.toLowerCase(Locale.ROOT);
		if (!(lower.contains(".") || lower.contains(":") || lower.equals("localhost"))) {
			throw new InvalidInputException(field + " '" + Printable.of(host)
					+ "' is not a registry host (one with a dot or a port, or localhost)");
		}
		return lower;
	}

}
