package io.tagrelay.ingest.auth;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.source.WebhookPath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * A token as the last segment of the path ({@code /webhooks/dockerhub/<token>}), for
 * Docker Hub, whose webhooks cannot carry a header.
 */
final class PathTokenProof implements Proof {

	private final Tokens tokens;

	private final String whose;

	PathTokenProof(Tokens tokens, String whose) {
		this.tokens = tokens;
		this.whose = whose;
	}

	@Override
	public ErrorResponseException refusal(HttpServletRequest request, WebhookPath path) {
		Client known = this.tokens.match(path.pathToken());
		if (known != null) {
			Client.authenticated(request, known);
			return null;
		}
		return Problems.unauthorized("the token in the path is not " + this.whose, Problems.BASIC);
	}

}
