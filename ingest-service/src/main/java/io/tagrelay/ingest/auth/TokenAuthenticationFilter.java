package io.tagrelay.ingest.auth;

import java.util.Collections;
import java.util.List;

import io.tagrelay.ingest.filter.RefusingFilter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.model.Secret;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * Lets a request through only if it presents one of the ingest tokens, in exactly one
 * {@code Authorization} header. Every token is compared, in constant time, so the
 * answer's timing says nothing about which token came close. The probes and metrics are
 * not behind it: they are on the management port, whose server has none of these filters.
 */
class TokenAuthenticationFilter extends RefusingFilter {

	private final List<Secret> tokens;

	TokenAuthenticationFilter(List<Secret> tokens, FilterProblems problems) {
		super(problems);
		this.tokens = List.copyOf(tokens);
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		List<String> authorizations = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
		boolean known = authorizations.size() == 1 && isKnown(PresentedToken.from(authorizations.get(0)));
		return known ? null : Problems.unauthorized();
	}

	private boolean isKnown(String presented) {
		boolean known = false;
		for (Secret token : this.tokens) {
			known |= token.matches(presented);
		}
		return known;
	}

}
