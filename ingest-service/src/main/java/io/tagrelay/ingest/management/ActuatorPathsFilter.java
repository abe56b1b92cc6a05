package io.tagrelay.ingest.management;

import io.tagrelay.ingest.filter.RefusingFilter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * Answers 404 on the public port for every {@code /actuator} path, to every caller, with
 * or without a token: probes and metrics are served on the management port only
 * ({@code management.server.port}), so that nobody on the internet reads the metrics and
 * slow public clients cannot starve the probes.
 */
class ActuatorPathsFilter extends RefusingFilter {

	ActuatorPathsFilter(FilterProblems problems) {
		super(problems);
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		// as sent, and as the container decoded and normalised it
		String raw = request.getRequestURI().substring(request.getContextPath().length());
		String decoded = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return (isActuator(raw) || isActuator(decoded))
				? Problems.notFound("actuator endpoints are served on the management port only") : null;
	}

	private static boolean isActuator(String path) {
		return path.equals("/actuator") || path.startsWith("/actuator/") || path.startsWith("/actuator;");
	}

}
