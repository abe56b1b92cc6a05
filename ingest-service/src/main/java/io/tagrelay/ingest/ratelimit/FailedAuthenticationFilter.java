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
		chain.doFilter(request, response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			this.limits.failed(address);
		}
	}

}
