package io.tagrelay.ingest.auth;

import io.tagrelay.ingest.bodylimit.BufferedBody;
import io.tagrelay.ingest.filter.RefusingFilter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.source.WebhookPath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * Lets a webhook's request through only if its body carries the signature its source's
 * proof requires (GitHub's HMAC), checked on the body the size limit has already read.
 */
class BodySignatureFilter extends RefusingFilter {

	private final SourceProofs proofs;

	BodySignatureFilter(SourceProofs proofs, FilterProblems problems) {
		super(problems);
		this.proofs = proofs;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		Proof proof = this.proofs.proofFor(WebhookPath.of(request));
		return proof == null || !proof.signsBody();
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		Proof proof = this.proofs.proofFor(WebhookPath.of(request));
		return proof.refusal(BufferedBody.of(request), request);
	}

}
