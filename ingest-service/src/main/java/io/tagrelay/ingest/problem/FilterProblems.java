package io.tagrelay.ingest.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a servlet filter answer with a problem exactly as a controller would, by handing
 * it to Spring MVC's exception resolvers (and so to {@link ProblemAdvice}).
 */
@Component
public class FilterProblems {

	private final HandlerExceptionResolver resolver;

	FilterProblems(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	/**
	 * Writes the problem as the response.
	 * @param request the request
	 * @param response the response, not yet committed
	 * @param problem the problem
	 */
	public void send(HttpServletRequest request, HttpServletResponse response, ErrorResponseException problem) {
		this.resolver.resolveException(request, response, null, problem);
	}

}
