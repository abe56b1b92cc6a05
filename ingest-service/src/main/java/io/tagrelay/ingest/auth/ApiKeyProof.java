package io.tagrelay.ingest.auth;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.source.WebhookPath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * An API key in a header of its own (an EventBridge connection's API key authorization
 * sends {@code <header>: <key>}), or a token in {@code Authorization} (the connection's
 * basic authorization).
 */
final class ApiKeyProof implements Proof {

	private final String header;

	private final Tokens tokens;

	private final TokenProof authorization;

	private final String whose;

	ApiKeyProof(String header, Tokens tokens, String whose) {
		this.header = header;
		this.tokens = tokens;
		this.authorization = new TokenProof(tokens, false, whose);
		this.whose = whose;
	}

	@Override
	public ErrorResponseException refusal(HttpServletRequest request, WebhookPath path) {
		String key = Proof.single(request, this.header);
		String authorization = Proof.single(request, HttpHeaders.AUTHORIZATION);
		// both are compared, whichever is present, so the timing does not tell which
		// matched
		Client byKey = (key != null) ? this.tokens.match(key) : null;
		Client byAuthorization = (authorization != null) ? this.authorization.match(authorization) : null;
		Client known = (byKey != null) ? byKey : byAuthorization;
		if (known != null) {
			Client.authenticated(request, known);
			return null;
		}
		return Problems.unauthorized(
				"present " + this.whose + " in the '" + this.header
						+ "' header (the API key of the EventBridge connection) or as the basic-auth password",
				Problems.BASIC);
	}

}
