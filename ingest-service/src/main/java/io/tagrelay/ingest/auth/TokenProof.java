package io.tagrelay.ingest.auth;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.source.WebhookPath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * A token in {@code Authorization}, as a bearer token or the basic-auth password, and for
 * the registries that send a configured header verbatim (Harbor's Auth Header, Azure's
 * and Distribution's custom headers) also the whole header value.
 */
final class TokenProof implements Proof {

	private final Tokens tokens;

	private final boolean verbatim;

	private final String whose;

	/**
	 * A token proof.
	 * @param tokens the tokens
	 * @param verbatim whether the whole {@code Authorization} value may be the token
	 * @param whose whose tokens, for the problem's detail, e.g. {@code "an ingest token"}
	 */
	TokenProof(Tokens tokens, boolean verbatim, String whose) {
		this.tokens = tokens;
		this.verbatim = verbatim;
		this.whose = whose;
	}

	@Override
	public ErrorResponseException refusal(HttpServletRequest request, WebhookPath path) {
		String authorization = Proof.single(request, HttpHeaders.AUTHORIZATION);
		Client known = (authorization != null) ? match(authorization) : null;
		if (known != null) {
			Client.authenticated(request, known);
			return null;
		}
		return Problems.unauthorized(
				"present " + this.whose + " as 'Authorization: Bearer <token>'"
						+ (this.verbatim ? ", as 'Authorization: <token>'" : "") + " or as the basic-auth password",
				Problems.BASIC, Problems.BEARER);
	}

	/**
	 * The client whose token an {@code Authorization} value presents.
	 * @param authorization the header's value
	 * @return the client, or null if it presents none of the tokens
	 */
	Client match(String authorization) {
		Client presented = this.tokens.match(PresentedToken.from(authorization));
		// evaluated whatever the first said, so the timing does not tell which form
		// matched
		Client verbatim = this.tokens.match(authorization);
		return (presented != null) ? presented : (this.verbatim ? verbatim : null);
	}

}
