package io.tagrelay.ingest.filter;

import java.io.IOException;

import io.tagrelay.ingest.problem.FilterProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that lets a request through unchanged or refuses it with a problem, answered
 * exactly as a controller would answer it.
 */
public abstract class RefusingFilter extends OncePerRequestFilter {

	private final FilterProblems problems;

	protected RefusingFilter(FilterProblems problems) {
		this.problems = problems;
	}

	/**
	 * Why the request is refused.
	 * @param request the request
	 * @return the problem to answer with, or null to let the request through
	 */
	protected abstract ErrorResponseException refusal(HttpServletRequest request);

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ErrorResponseException refusal = refusal(request);
		if (refusal != null) {
			this.problems.send(request, response, refusal);
			return;
		}
		chain.doFilter(request, response);
	}

}
