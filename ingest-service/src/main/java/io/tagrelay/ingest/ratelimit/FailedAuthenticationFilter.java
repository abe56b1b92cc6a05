package io.tagrelay.ingest.ratelimit;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every request of an address that failed authentication more than
 * {@code tagrelay.ingest.rate-limit.failed-auth-per-address.limit} times in the period,
 * before its credential is checked, and counts each 401 the authentication filters below
 * answer it. The address is the peer's, or the one {@code X-Forwarded-For} names when the
 * peer is a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}).
 */
class FailedAuthenticationFilter extends OncePerRequestFilter {

	private final RateLimits limits;

	private final FilterProblems problems;

	private final Counter refused;

	FailedAuthenticationFilter(RateLimits limits, FilterProblems problems, Counter refused) {
		this.limits = limits;
		this.problems = problems;
		this.refused = refused;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		Duration blocked = this.limits.blocked(address);
		if (blocked != null) {
			this.refused.increment();
			this.problems.send(request, response, Problems.tooManyRequests(
					"too many failed authentications from this address; retry after the Retry-After seconds", blocked));
			return;
		}
		// counted when the 401 is set, before a byte of it is sent: a caller that reads
		// the answer and asks again at once is counted with this failure
		chain.doFilter(request, new CountingFailures(response, () -> this.limits.failed(address)));
	}

	private static final class CountingFailures extends HttpServletResponseWrapper {

		private final Runnable failed;

		private boolean counted;

		private CountingFailures(HttpServletResponse response, Runnable failed) {
			super(response);
			this.failed = failed;
		}

		@Override
		public void setStatus(int status) {
			count(status);
			super.setStatus(status);
		}

		@Override
		public void sendError(int status) throws IOException {
			count(status);
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			count(status);
			super.sendError(status, message);
		}

		private void count(int status) {
			if (status == HttpStatus.UNAUTHORIZED.value() && !this.counted) {
				this.counted = true;
				this.failed.run();
			}
		}

	}

}
