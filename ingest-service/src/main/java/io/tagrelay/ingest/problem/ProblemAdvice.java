package io.tagrelay.ingest.problem;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tagrelay.model.InvalidInputException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 {@code application/problem+json} response: Spring
 * MVC's own (404, 405, 415, unreadable bodies, through
 * {@link ResponseEntityExceptionHandler}), the {@link Problems} the ingest throws, and
 * invalid input from the model. Every problem names its {@code type}, {@code about:blank}
 * unless a more specific one is set, and its {@code instance}, the request's path, except
 * for a token in it (Docker Hub's webhook), which is never echoed.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	/** RFC 9457's type of a problem that says no more than its status. */
	static final URI ABOUT_BLANK = URI.create("about:blank");

	private static final Log log = LogFactory.getLog(ProblemAdvice.class);

	private static final Pattern PATH_TOKEN = Pattern.compile("/webhooks/dockerhub/");

	@ExceptionHandler
	ResponseEntity<Object> invalidInput(InvalidInputException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Bad request");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"an unexpected error occurred");
		problem.setTitle("Internal server error");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null) {
				problem.setType(ABOUT_BLANK);
			}
			if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
				problem.setInstance(instance(servlet.getRequest().getRequestURI()));
			}
		}
		return super.createResponseEntity(body, headers, status, request);
	}

	/**
	 * The {@code instance} of a request's problem.
	 * @param uri the raw request URI
	 * @return the path, with whatever follows {@code /webhooks/dockerhub/} redacted
	 */
	static URI instance(String uri) {
		Matcher token = PATH_TOKEN.matcher(uri);
		try {
			return URI.create(token.find() ? uri.substring(0, token.end()) + "redacted" : uri);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "the request body is missing or malformed");
		problem.setTitle("Bad request");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

}
