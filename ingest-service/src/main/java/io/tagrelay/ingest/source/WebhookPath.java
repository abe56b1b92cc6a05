package io.tagrelay.ingest.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	// unreserved characters only (RFC 3986), so that the token needs no decoding
	private static final Pattern PATH = Pattern
		.compile("/webhook|/webhooks/([a-z-]+)|/webhooks/dockerhub/([A-Za-z0-9._~-]+)");

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
		Matcher matcher = PATH.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		if (matcher.group(2) != null) {
			return new WebhookPath(Source.DOCKERHUB, matcher.group(2));
		}
		if (matcher.group(1) == null) {
			return new WebhookPath(Source.QUAY, null);
		}
		Source source = Source.ofId(matcher.group(1));
		return (source != null) ? new WebhookPath(source, null) : null;
	}

}
