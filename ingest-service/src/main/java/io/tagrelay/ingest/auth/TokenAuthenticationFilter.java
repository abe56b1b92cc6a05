package io.tagrelay.ingest.auth;

import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import io.tagrelay.ingest.filter.RefusingFilter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.source.WebhookPath;
import io.tagrelay.model.Secret;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * Lets a request through only if it presents one of the ingest tokens, in exactly one
 * {@code Authorization} header; the probes and metrics a load balancer or Prometheus
 * reads stay open, and so do the webhooks whose source has a proof of its own
 * ({@link SourceProofs}), which {@link SourceAuthenticationFilter} checks instead. Every
 * token is compared, in constant time, so the answer's timing says nothing about which
 * token came close.
 * <p>
 * The open paths are matched on the raw request URI, character for character: a path that
 * only normalises to an open one ({@code /actuator/health/../info},
 * {@code /actuator/health;x/%2e%2e/info}) is not open, since the container would dispatch
 * it somewhere else. So are the webhooks' paths ({@link WebhookPath}).
 */
class TokenAuthenticationFilter extends RefusingFilter {

	private static final Pattern OPEN_PATHS = Pattern
		.compile("/actuator/health(/liveness|/readiness)?|/actuator/prometheus");

	private final Tokens tokens;

	private final SourceProofs sources;

	TokenAuthenticationFilter(List<Secret> tokens, SourceProofs sources, FilterProblems problems) {
		super(problems);
		this.tokens = new Tokens(tokens);
		this.sources = sources;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		boolean open = uri.startsWith(context) && OPEN_PATHS.matcher(uri.substring(context.length())).matches();
		return open || this.sources.proofFor(WebhookPath.of(request)) != null;
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		List<String> authorizations = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
		boolean known = authorizations.size() == 1 && this.tokens.match(PresentedToken.from(authorizations.get(0)));
		return known ? null : Problems.unauthorized();
	}

}
