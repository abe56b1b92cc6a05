package io.tagrelay.ingest.bodylimit;

import java.io.IOException;
import java.io.InputStream;

import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than {@code tagrelay.ingest.max-body-size} with 413 before
 * anything parses it: at once when {@code Content-Length} says so, and otherwise (a
 * chunked body) by reading at most one byte more than the limit. The body read is handed
 * on from memory.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

	private final int maxBytes;

	private final FilterProblems problems;

	BodySizeLimitFilter(int maxBytes, FilterProblems problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = (request.getContentLengthLong() > this.maxBytes) ? null : readAtMost(request.getInputStream());
		if (body == null) {
			this.problems.send(request, response, Problems.payloadTooLarge(this.maxBytes));
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	private byte[] readAtMost(InputStream in) throws IOException {
		byte[] body = in.readNBytes(this.maxBytes + 1);
		return (body.length > this.maxBytes) ? null : body;
	}

}
