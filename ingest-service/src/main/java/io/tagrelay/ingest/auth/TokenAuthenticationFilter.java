package io.tagrelay.ingest.auth;

import java.io.IOException;
import java.util.List;

import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.model.Secret;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Lets a request through only if it presents one of the ingest tokens; the probes and
 * metrics a load balancer or Prometheus reads stay open. Every token is compared, in
 * constant time, so the answer's timing says nothing about which token came close.
 */
class TokenAuthenticationFilter extends OncePerRequestFilter {

	private static final List<String> OPEN_PATHS = List.of("/actuator/health", "/actuator/prometheus");

	private final List<Secret> tokens;

	private final FilterProblems problems;

	TokenAuthenticationFilter(List<Secret> tokens, FilterProblems problems) {
		this.tokens = List.copyOf(tokens);
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		return OPEN_PATHS.stream().anyMatch((open) -> path.equals(open) || path.startsWith(open + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isKnown(PresentedToken.from(request.getHeader(HttpHeaders.AUTHORIZATION)))) {
			chain.doFilter(request, response);
		}
		else {
			this.problems.send(request, response, Problems.unauthorized());
		}
	}

	private boolean isKnown(String presented) {
		boolean known = false;
		for (Secret token : this.tokens) {
			known |= token.matches(presented);
		}
		return known;
	}

}
