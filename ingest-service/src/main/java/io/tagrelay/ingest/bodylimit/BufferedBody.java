package io.tagrelay.ingest.bodylimit;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The body {@link BodySizeLimitFilter} has read, for a filter after it that needs the raw
 * bytes (a signature of the body) without reading more than the limit.
 */
public final class BufferedBody {

	private static final byte[] NONE = new byte[0];

	private BufferedBody() {
	}

	/**
	 * The body of a request that passed the size limit.
	 * @param request the request, as the size limit handed it on
	 * @return the body, empty if the request has none
	 * @throws IllegalStateException if the request has a body the size limit did not read
	 */
	public static byte[] of(HttpServletRequest request) {
		for (ServletRequest current = request; current instanceof ServletRequestWrapper wrapper; current = wrapper
			.getRequest()) {
			if (wrapper instanceof BufferedBodyRequest buffered) {
				return buffered.body();
			}
		}
		if (request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			throw new IllegalStateException("the body was not read by the size limit");
		}
		return NONE;
	}

}
