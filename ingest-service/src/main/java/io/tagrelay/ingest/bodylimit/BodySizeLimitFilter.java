package io.tagrelay.ingest.bodylimit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

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
 * on from memory. A JSON body must also be strict UTF-8 (RFC 8259), else 400: Jackson
 * decodes some invalid sequences leniently (an overlong {@code 0xC0 0xAF} reads as
 * {@code /}), so a name could pass that is not the one the bytes spell.
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
		if (isJson(request) && !isUtf8(body)) {
			this.problems.send(request, response, Problems.badRequest("the request body is not valid UTF-8"));
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	private static boolean isJson(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).contains("json");
	}

	private static boolean isUtf8(byte[] body) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	private byte[] readAtMost(InputStream in) throws IOException {
		byte[] body = in.readNBytes(this.maxBytes + 1);
		return (body.length > this.maxBytes) ? null : body;
	}

}
