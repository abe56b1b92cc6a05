package io.tagrelay.ingest.auth;

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

	SourceAuthenticationFilter(SourceProofs proofs, FilterProblems problems) {
		super(problems);
		this.proofs = proofs;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.proofs.proofFor(WebhookPath.of(request)) == null;
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		WebhookPath path = WebhookPath.of(request);
		return this.proofs.proofFor(path).refusal(request, path);
	}

}
