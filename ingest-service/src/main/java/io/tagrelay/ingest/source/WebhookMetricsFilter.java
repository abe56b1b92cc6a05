package io.tagrelay.ingest.source;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.model.source.Source;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts webhooks received, accepted, ignored (authenticated, with nothing to deploy),
 * and rejected by reason, each tagged with its source ({@code unknown} for a path that is
 * no webhook's), from the status finally answered, so that rejections by the filters in
 * front (401, 413) count too. Each source's counters are registered once, not looked up
 * on every request.
 */
class WebhookMetricsFilter extends OncePerRequestFilter {

	private static final String UNKNOWN = "unknown";

	private final Map<String, SourceCounters> counters = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	WebhookMetricsFilter(MeterRegistry meters) {
		this.meters = meters;
		// every source's series from the start, so that a dashboard shows 0, not nothing
		for (Source source : Source.values()) {
			counters(source.id());
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		WebhookPath path = WebhookPath.of(request);
		SourceCounters source = counters((path != null) ? path.source().id() : UNKNOWN);
		source.received.increment();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new Completion(source, response));
			}
			else {
				count(source, response.getStatus());
			}
		}
	}

	private SourceCounters counters(String source) {
		return this.counters.computeIfAbsent(source, (id) -> new SourceCounters(this.meters, id));
	}

	private static void count(SourceCounters source, int status) {
		if (status == 202) {
			source.accepted.increment();
		}
		else if (status == 200) {
			source.ignored.increment();
		}
		else {
			source.rejected(status).increment();
		}
	}

	static String reason(int status) {
		return switch (status) {
			case 400 -> "malformed";
			case 401 -> "unauthorized";
			case 403 -> "repository_not_configured";
			case 404 -> "not_found";
			case 405 -> "method_not_allowed";
			case 413 -> "too_large";
			case 415 -> "not_json";
			case 429 -> "rate_limited";
			case 503 -> "not_enqueued";
			default -> "status_" + status;
		};
	}

	/**
	 * One source's counters; a rejection's by the status it was answered with.
	 */
	private static final class SourceCounters {

		private final MeterRegistry meters;

		private final String source;

		private final Counter received;

		private final Counter accepted;

		private final Counter ignored;

		private final Map<Integer, Counter> rejected = new ConcurrentHashMap<>();

		private SourceCounters(MeterRegistry meters, String source) {
			this.meters = meters;
			this.source = source;
			this.received = meters.counter("tagrelay.ingest.webhooks.received", "source", source);
			this.accepted = meters.counter("tagrelay.ingest.webhooks.accepted", "source", source);
			this.ignored = meters.counter("tagrelay.ingest.webhooks.ignored", "source", source);
		}

		private Counter rejected(int status) {
			return this.rejected.computeIfAbsent(status, (code) -> this.meters
				.counter("tagrelay.ingest.webhooks.rejected", "source", this.source, "reason", reason(code)));
		}

	}

	private static final class Completion implements AsyncListener {

		private final SourceCounters source;

		private final HttpServletResponse response;

		private Completion(SourceCounters source, HttpServletResponse response) {
			this.source = source;
			this.response = response;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			count(this.source, this.response.getStatus());
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
