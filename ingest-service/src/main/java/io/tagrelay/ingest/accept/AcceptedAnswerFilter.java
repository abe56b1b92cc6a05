package io.tagrelay.ingest.accept;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;

/**
 * Writes the 202 of {@link Acceptance} on the asynchronous dispatch that follows Kafka's
 * acknowledgement, itself, instead of passing it through Spring MVC a second time (the
 * handler lookup, the return value handlers and the message converters again, which cost
 * a push as much CPU as the rest of its answer). The answer is the one Spring MVC would
 * write: its status and headers, the body as JSON by the application's mapper. Any other
 * result, a failure's above all, goes on to Spring MVC and its exception handlers.
 */
class AcceptedAnswerFilter implements Filter {

	private final JsonMapper json;

	AcceptedAnswerFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		ResponseEntity<?> accepted = accepted(request);
		if (accepted == null) {
			chain.doFilter(request, response);
			return;
		}
		write(accepted, (HttpServletResponse) response);
	}

	private static ResponseEntity<?> accepted(ServletRequest request) {
		if (request.getDispatcherType() != DispatcherType.ASYNC || !(request instanceof HttpServletRequest http)) {
			return null;
		}
		WebAsyncManager async = WebAsyncUtils.getAsyncManager(http);
		Object result = async.hasConcurrentResult() ? async.getConcurrentResult() : null;
		return (result instanceof ResponseEntity<?> entity && Acceptance.isAnswer(entity)) ? entity : null;
	}

	private void write(ResponseEntity<?> accepted, HttpServletResponse response) throws IOException {
		byte[] body = this.json.writeValueAsBytes(accepted.getBody());
		response.setStatus(accepted.getStatusCode().value());
		accepted.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
