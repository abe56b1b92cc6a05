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

	/** The challenge of a 401 that a token answers as the basic-auth password. */
	public static final String BASIC = "Basic realm=\"tagrelay\", charset=\"UTF-8\"";

	/** The challenge of a 401 that a bearer token answers. */
	public static final String BEARER = "Bearer realm=\"tagrelay\"";

	public static ErrorResponseException unauthorized() {
		return unauthorized("present an ingest token as 'Authorization: Bearer <token>' or as the basic-auth password",
				BASIC, BEARER);
	}

	/**
	 * 401 with the {@code WWW-Authenticate} challenges of the proof that is missing.
	 * @param detail what proof to present, never the secret
	 * @param challenges the challenges, at least one
	 * @return the exception to throw
	 */
	public static ErrorResponseException unauthorized(String detail, String... challenges) {
		ErrorResponseException problem = of(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
		for (String challenge : challenges) {
			problem.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
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
		return retryAfter(of(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail), retryAfter);
	}

	/**
	 * 429 with a {@code Retry-After} header.
	 * @param detail which limit the caller is over
	 * @param retryAfter when to retry, rounded up to whole seconds
	 * @return the exception to throw
	 */
	public static ErrorResponseException tooManyRequests(String detail, Duration retryAfter) {
		return retryAfter(of(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail), retryAfter);
	}

	private static ErrorResponseException retryAfter(ErrorResponseException problem, Duration retryAfter) {
		long seconds = retryAfter.plusMillis(999).toSeconds();
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, seconds)));
		return problem;
	}

}
