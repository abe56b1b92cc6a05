package io.tagrelay.ingest.hygiene;

import java.io.IOException;

import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with a 400 problem and before anything reads it, a request whose query string
 * is malformed (see {@link QueryString}). Left to the container, such a query would fail
 * later as a 500, or be decoded leniently, and the container would log it raw.
 */
class RequestHygieneFilter extends OncePerRequestFilter {

	private final FilterProblems problems;

	RequestHygieneFilter(FilterProblems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String problem = QueryString.problem(request.getQueryString());
		if (problem != null) {
			this.problems.send(request, response, Problems.badRequest(problem));
			return;
		}
		chain.doFilter(request, response);
	}

}
