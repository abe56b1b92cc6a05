package io.tagrelay.ingest.source;

import io.tagrelay.model.source.Source;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The webhook a request is for, read from its raw URI, character for character: the
 * filters that check a source's proof and the controller that reads its payload name the
 * source from the same text, so a path that only normalises to a webhook's
 * ({@code /webhooks/./github}, {@code /webhooks/github;x}) is no webhook's and keeps the
 * ingest tokens' guard.
 * <p>
 * Not a record: the path token is a secret, and must not be in a {@code toString}.
 */
public final class WebhookPath {

	private static final String QUAY = "/webhook";

	private static final String SOURCES = "/webhooks/";

	private static final String DOCKERHUB = SOURCES + Source.DOCKERHUB.id() + "/";

	private final Source source;

	private final String pathToken;

	private WebhookPath(Source source, String pathToken) {
		this.source = source;
		this.pathToken = pathToken;
	}

	/**
	 * The source the webhook is for.
	 * @return the source
	 */
	public Source source() {
		return this.source;
	}

	/**
	 * The token in the path ({@code /webhooks/dockerhub/<token>}). Never log it.
	 * @return the token, or null if the path has none
	 */
	public String pathToken() {
		return this.pathToken;
	}

	@Override
	public String toString() {
		return "WebhookPath[" + this.source.id() + ((this.pathToken != null) ? ", with a path token" : "") + "]";
	}

	/**
	 * The webhook a request is for.
	 * @param request the request
	 * @return the webhook, or null if the raw URI is no webhook's
	 */
	public static WebhookPath of(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return uri.startsWith(context) ? of(uri.substring(context.length())) : null;
	}

	/**
	 * The webhook at a path.
	 * @param path the raw path, after the context path
	 * @return the webhook, or null if the path is no webhook's
	 */
	static WebhookPath of(String path) {
		// every filter asks, so no regex: /webhook, /webhooks/[a-z-]+ or
		// /webhooks/dockerhub/ and a token of unreserved characters (RFC 3986), which
		// needs no decoding
		if (path.equals(QUAY)) {
			return new WebhookPath(Source.QUAY, null);
		}
		if (path.startsWith(DOCKERHUB)) {
			String token = path.substring(DOCKERHUB.length());
			return isToken(token) ? new WebhookPath(Source.DOCKERHUB, token) : null;
		}
		if (!path.startsWith(SOURCES)) {
			return null;
		}
		String id = path.substring(SOURCES.length());
		Source source = isSourceId(id) ? Source.ofId(id) : null;
		return (source != null) ? new WebhookPath(source, null) : null;
	}

	private static boolean isSourceId(String id) {
		return !id.isEmpty() && id.chars().allMatch((c) -> (c >= 'a' && c <= 'z') || c == '-');
	}

	private static boolean isToken(String token) {
		return !token.isEmpty() && token.chars()
			.allMatch((c) -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '~' || c == '-');
	}

}
