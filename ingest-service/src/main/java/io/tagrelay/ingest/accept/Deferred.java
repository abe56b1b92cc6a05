package io.tagrelay.ingest.accept;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.web.context.request.async.DeferredResult;

/**
 * Adapts a future answer to Spring MVC's asynchronous request handling, so that no
 * servlet thread waits for Kafka; a failure goes to the exception handlers, unwrapped.
 */
public final class Deferred {

	// beyond the future's own timeouts, so that those answer rather than MVC's default
	private static final Duration MARGIN = Duration.ofSeconds(5);

	private Deferred() {
	}

	/**
	 * The deferred result of a future.
	 * @param <T> the answer's type
	 * @param future the answer, bounded by its own timeouts
	 * @param bound how long the future may take at most
	 * @return the deferred result
	 */
	public static <T> DeferredResult<T> of(CompletableFuture<? extends T> future, Duration bound) {
		DeferredResult<T> result = new DeferredResult<>(bound.plus(MARGIN).toMillis());
		future.whenComplete((answer, failure) -> {
			if (failure != null) {
				result.setErrorResult(unwrap(failure));
			}
			else {
				result.setResult(answer);
			}
		});
		return result;
	}

	/**
	 * The failure a {@link CompletionException} wraps.
	 * @param failure a future's failure
	 * @return the cause
	 */
	public static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
