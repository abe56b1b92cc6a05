package io.tagrelay.ingest.webhook;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts webhooks received, accepted, and rejected by reason, from the status finally
 * answered, so that rejections by the filters in front (401, 413) count too.
 */
class WebhookMetricsFilter extends OncePerRequestFilter {

	private final MeterRegistry meters;

	WebhookMetricsFilter(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.meters.counter("tagrelay.ingest.webhooks.received").increment();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new Completion(response));
			}
			else {
				count(response.getStatus());
			}
		}
	}

	private void count(int status) {
		if (status == 202) {
			this.meters.counter("tagrelay.ingest.webhooks.accepted").increment();
		}
		else {
			this.meters.counter("tagrelay.ingest.webhooks.rejected", "reason", reason(status)).increment();
		}
	}

	static String reason(int status) {
		return switch (status) {
			case 400 -> "malformed";
			case 401 -> "unauthorized";
			case 403 -> "repository_not_configured";
			case 405 -> "method_not_allowed";
			case 413 -> "too_large";
			case 415 -> "not_json";
			case 503 -> "not_enqueued";
			default -> "status_" + status;
		};
	}

	private final class Completion implements AsyncListener {

		private final HttpServletResponse response;

		private Completion(HttpServletResponse response) {
			this.response = response;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			count(this.response.getStatus());
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
