package io.tagrelay.ingest.deployment;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tagrelay.ingest.accept.Acceptance;
import io.tagrelay.ingest.accept.Deferred;
import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.results.OutcomeWaiters;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.ImageRequest;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code ?wait=true}: registers for the event's outcome, then enqueues the event, then
 * answers when the outcome arrives or the wait is over: {@code ?timeout=}, at most
 * {@code tagrelay.ingest.max-wait-timeout}, by default
 * {@code tagrelay.ingest.wait-timeout} (below the 60 s idle timeout of common load
 * balancers). No servlet thread waits meanwhile, and a caller that goes away stops
 * waiting.
 */
@Component
class RolloutWaiter {

	/** When to retry after a 503. */
	static final Duration RETRY = Duration.ofSeconds(5);

	private final Acceptance acceptance;

	private final OutcomeWaiters waiters;

	private final Duration maxWait;

	private final Duration enqueueTimeout;

	private final Duration defaultWait;

	RolloutWaiter(Acceptance acceptance, OutcomeWaiters waiters, IngestProperties properties) {
		this.defaultWait = properties.waitTimeout();
		this.maxWait = properties.maxWaitTimeout();
		this.enqueueTimeout = properties.enqueueTimeout();
		this.acceptance = acceptance;
		this.waiters = waiters;
	}

	DeferredResult<ResponseEntity<?>> publishAndWait(Client client, ImageRequest request, String timeout) {
		Duration wait = waitFor(timeout);
		CompletableFuture<DeploymentOutcome> outcome = this.waiters.register(request.eventId(), request.target());
		CompletableFuture<String> published;
		try {
			published = this.acceptance.publish(client, request);
		}
		catch (RuntimeException ex) {
			outcome.cancel(false);
			throw ex;
		}
		CompletableFuture<ResponseEntity<?>> answer = published.whenComplete((id, failure) -> {
			if (failure != null) {
				outcome.cancel(false);
			}
		}).thenCompose((id) -> outcome.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)).handle((result, failure) -> {
			if (failure != null) {
				throw (Deferred.unwrap(failure) instanceof TimeoutException) ? OutcomeResponses.timedOut(request)
						: asRuntime(Deferred.unwrap(failure));
			}
			return OutcomeResponses.answer(request, result);
		});
		DeferredResult<ResponseEntity<?>> deferred = Deferred.of(answer, wait.plus(this.enqueueTimeout));
		// the answer is sent, or the request failed: the waiter's place is free again
		deferred.onError((failure) -> outcome.cancel(false));
		deferred.onCompletion(() -> outcome.cancel(false));
		return deferred;
	}

	private Duration waitFor(String timeout) {
		if (timeout == null || timeout.isBlank()) {
			return this.defaultWait;
		}
		Duration requested;
		try {
			requested = DurationStyle.detectAndParse(timeout.trim());
		}
		catch (IllegalArgumentException ex) {
			throw Problems.badRequest("timeout must be a duration such as 30s or 5m");
		}
		if (requested.isNegative() || requested.isZero()) {
			throw Problems.badRequest("timeout must be positive");
		}
		return (requested.compareTo(this.maxWait) > 0) ? this.maxWait : requested;
	}

	private static RuntimeException asRuntime(Throwable failure) {
		return (failure instanceof RuntimeException runtime) ? runtime : new IllegalStateException(failure);
	}

}
