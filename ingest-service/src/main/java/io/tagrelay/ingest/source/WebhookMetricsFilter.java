package io.tagrelay.ingest.source;

import java.io.IOException;

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
 * front (401, 413) count too.
 */
class WebhookMetricsFilter extends OncePerRequestFilter {

	private final MeterRegistry meters;

	WebhookMetricsFilter(MeterRegistry meters) {
		this.meters = meters;
		// every source's series from the start, so that a dashboard shows 0, not nothing
		for (Source source : Source.values()) {
			for (String name : new String[] { "received", "accepted", "ignored" }) {
				meters.counter("tagrelay.ingest.webhooks." + name, "source", source.id());
			}
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		WebhookPath path = WebhookPath.of(request);
		String source = (path != null) ? path.source().id() : "unknown";
		this.meters.counter("tagrelay.ingest.webhooks.received", "source", source).increment();
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

	private void count(String source, int status) {
		if (status == 202) {
			this.meters.counter("tagrelay.ingest.webhooks.accepted", "source", source).increment();
		}
		else if (status == 200) {
			this.meters.counter("tagrelay.ingest.webhooks.ignored", "source", source).increment();
		}
		else {
			this.meters.counter("tagrelay.ingest.webhooks.rejected", "source", source, "reason", reason(status))
				.increment();
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

	private final class Completion implements AsyncListener {

		private final String source;

		private final HttpServletResponse response;

		private Completion(String source, HttpServletResponse response) {
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
