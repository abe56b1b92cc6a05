package io.tagrelay.ingest.auth;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.client.Clients;
import io.tagrelay.ingest.filter.RefusingFilter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.source.WebhookPath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * Lets a webhook's request through only if its head presents the proof of its source (see
 * {@link SourceProofs}), before the body is read. It guards exactly the paths that
 * {@link TokenAuthenticationFilter} leaves to it.
 */
class SourceAuthenticationFilter extends RefusingFilter {

	private final SourceProofs proofs;

	private final Clients clients;

	SourceAuthenticationFilter(SourceProofs proofs, Clients clients, FilterProblems problems) {
		super(problems);
		this.proofs = proofs;
		this.clients = clients;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.proofs.proofFor(WebhookPath.of(request)) == null;
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		WebhookPath path = WebhookPath.of(request);
		ErrorResponseException refusal = this.proofs.proofFor(path).refusal(request, path);
		if (refusal == null && !Client.isAuthenticated(request)) {
			// a proof that is no token (a signature, an OIDC token) is the source's own
			Client.authenticated(request, this.clients.of(path.source()));
		}
		return refusal;
	}

}
