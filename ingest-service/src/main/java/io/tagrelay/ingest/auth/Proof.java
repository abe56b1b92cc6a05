package io.tagrelay.ingest.auth;

import java.util.Collections;
import java.util.List;

import io.tagrelay.ingest.source.WebhookPath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * How one source's registry proves a request is its own, where that is not an ingest
 * token in {@code Authorization} (which {@link TokenAuthenticationFilter} checks).
 */
interface Proof {

	/**
	 * Checks what the request's head presents, before its body is read.
	 * @param request the request
	 * @param path the webhook it is for
	 * @return the 401 (or, if the proof cannot be checked now, 503) problem, or null to
	 * let the request through
	 */
	ErrorResponseException refusal(HttpServletRequest request, WebhookPath path);

	/**
	 * Whether the proof covers the body too, which
	 * {@link #refusal(byte[], HttpServletRequest)} checks once the body is read within
	 * the size limit.
	 * @return true for a signature of the body
	 */
	default boolean signsBody() {
		return false;
	}

	/**
	 * Checks the body's signature.
	 * @param body the body, read within the size limit
	 * @param request the request
	 * @return the 401 problem, or null to let the request through
	 */
	default ErrorResponseException refusal(byte[] body, HttpServletRequest request) {
		return null;
	}

	/**
	 * A header's value, if the request has exactly one.
	 * @param request the request
	 * @param name the header
	 * @return the value, or null if the header is absent or repeated (which of two would
	 * count is a guess)
	 */
	static String single(HttpServletRequest request, String name) {
		List<String> values = Collections.list(request.getHeaders(name));
		return (values.size() == 1) ? values.get(0) : null;
	}

}
