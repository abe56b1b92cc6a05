package io.tagrelay.ingest.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;

/**
 * Answers the errors Tomcat raises before a request reaches Spring (a request line or
 * header it cannot parse, a URI it cannot decode, an encoded slash) with an RFC 9457
 * problem instead of Tomcat's HTML page. Tomcat's 501 (a transfer coding or method it
 * does not implement) and 505 (an HTTP version it does not speak) are answered as 400: to
 * this service both are a malformed request.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !ioAllowed(response)) {
			return;
		}
		if (status == 501 || status == 505) {
			status = 400;
			response.setStatus(status);
		}
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response cannot take a body: nothing to report to
		}
	}

	static String body(int status) {
		HttpStatus resolved = HttpStatus.resolve(status);
		String title = (resolved != null) ? resolved.getReasonPhrase() : "Error";
		return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}";
	}

	private static boolean ioAllowed(Response response) {
		AtomicBoolean allowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
		return allowed.get();
	}

}
