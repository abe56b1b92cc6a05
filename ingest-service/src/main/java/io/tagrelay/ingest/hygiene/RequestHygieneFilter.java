package io.tagrelay.ingest.hygiene;

import io.tagrelay.ingest.filter.RefusingFilter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * Refuses, with a 400 problem and before anything reads it, a request whose query string
 * is malformed (see {@link QueryString}). Left to the container, such a query would fail
 * later as a 500, or be decoded leniently, and the container would log it raw.
 */
class RequestHygieneFilter extends RefusingFilter {

	RequestHygieneFilter(FilterProblems problems) {
		super(problems);
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		String problem = QueryString.problem(request.getQueryString());
		return (problem != null) ? Problems.badRequest(problem) : null;
	}

}
