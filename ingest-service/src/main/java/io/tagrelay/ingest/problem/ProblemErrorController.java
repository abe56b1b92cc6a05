package io.tagrelay.ingest.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (errors raised outside Spring MVC, such
 * as a request Tomcat refuses) with a problem instead of Boot's default error JSON.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = statusOf(request);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(ProblemAdvice.ABOUT_BLANK);
		problem.setTitle(status.getReasonPhrase());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	// 501 and 505 from the container mean a request it could not handle: malformed here
	private static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		if (status == HttpStatus.NOT_IMPLEMENTED || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED) {
			return HttpStatus.BAD_REQUEST;
		}
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
