package io.tagrelay.ingest.problem;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems the ingest answers with. Each is an exception that
 * {@link ProblemAdvice} turns into an {@code application/problem+json} response, with the
 * headers it carries.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * A problem with a status, a title and a detail safe to show the caller.
	 * @param status the status
	 * @param title a short, fixed summary
	 * @param detail what went wrong in this request
	 * @return the exception to throw
	 */
	public static ErrorResponseException of(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

	public static ErrorResponseException badRequest(String detail) {
		return of(HttpStatus.BAD_REQUEST, "Bad request", detail);
	}

	public static ErrorResponseException unauthorized() {
		ErrorResponseException problem = of(HttpStatus.UNAUTHORIZED, "Unauthorized",
				"present an ingest token as 'Authorization: Bearer <token>' or as the basic-auth password");
		problem.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tagrelay\", charset=\"UTF-8\"");
		problem.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tagrelay\"");
		return problem;
	}

	public static ErrorResponseException forbidden(String detail) {
		return of(HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

	public static ErrorResponseException notFound(String detail) {
		return of(HttpStatus.NOT_FOUND, "Not found", detail);
	}

	public static ErrorResponseException payloadTooLarge(long maxBytes) {
		return of(HttpStatus.CONTENT_TOO_LARGE, "Content too large",
				"the request body is larger than " + maxBytes + " bytes");
	}

	public static ErrorResponseException unprocessable(String detail) {
		return of(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable content", detail);
	}

	/**
	 * 503 with a {@code Retry-After} header.
	 * @param detail what is unavailable
	 * @param retryAfter when to retry
	 * @return the exception to throw
	 */
	public static ErrorResponseException unavailable(String detail, Duration retryAfter) {
		ErrorResponseException problem = of(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		return problem;
	}

}
