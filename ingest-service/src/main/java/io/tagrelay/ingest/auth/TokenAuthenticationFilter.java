package io.tagrelay.ingest.auth;

import java.util.Collections;
import java.util.List;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.client.Clients;
import io.tagrelay.ingest.filter.RefusingFilter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.source.WebhookPath;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * Lets a request through only if it presents one of the ingest tokens (the global ones or
 * a client's), in exactly one {@code Authorization} header, and leaves the {@link Client}
 * it authenticates on the request. Every token is compared, in constant time, so the
 * answer's timing says nothing about which token came close. The webhooks whose source
 * has a proof of its own ({@link SourceProofs}) are checked by
 * {@link SourceAuthenticationFilter} instead ({@link WebhookPath}). The probes and
 * metrics are not behind it: they are on the management port, whose server has none of
 * these filters.
 */
class TokenAuthenticationFilter extends RefusingFilter {

	private final Tokens tokens;

	private final SourceProofs sources;

	TokenAuthenticationFilter(Clients clients, SourceProofs sources, FilterProblems problems) {
		super(problems);
		this.tokens = Tokens.of(clients);
		this.sources = sources;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.sources.proofFor(WebhookPath.of(request)) != null;
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		List<String> authorizations = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
		Client known = (authorizations.size() == 1) ? this.tokens.match(PresentedToken.from(authorizations.get(0)))
				: null;
		if (known == null) {
			return Problems.unauthorized();
		}
		Client.authenticated(request, known);
		return null;
	}

}
