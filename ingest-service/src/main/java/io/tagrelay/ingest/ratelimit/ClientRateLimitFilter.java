package io.tagrelay.ingest.ratelimit;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.filter.RefusingFilter;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * Refuses, with 429, a client's request beyond
 * {@code tagrelay.ingest.rate-limit.per-client}, so that one token holder cannot starve
 * the others. A caller a proxy in front authenticated ({@link Client#ANONYMOUS}) is the
 * proxy's to limit.
 */
class ClientRateLimitFilter extends RefusingFilter {

	private final RateLimits limits;

	private final Counter refused;

	ClientRateLimitFilter(RateLimits limits, FilterProblems problems, Counter refused) {
		super(problems);
		this.limits = limits;
		this.refused = refused;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !Client.isAuthenticated(request);
	}

	@Override
	protected ErrorResponseException refusal(HttpServletRequest request) {
		Client client = Client.of(request);
		Duration wait = this.limits.request(client.name());
		if (wait == null) {
			return null;
		}
		this.refused.increment();
		return Problems.tooManyRequests("client " + client.name()
				+ " is over its rate (tagrelay.ingest.rate-limit.per-client); retry after the Retry-After seconds",
				wait);
	}

}
