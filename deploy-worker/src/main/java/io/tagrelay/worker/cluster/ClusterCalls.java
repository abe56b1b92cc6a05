package io.tagrelay.worker.cluster;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.worker.config.ClusterProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Runs calls to the API server with Resilience4j retries
 * ({@code tagrelay.cluster.retry.*}, exponential backoff) on failures that are worth
 * retrying: no answer in time (timeouts, connection refused), {@code 408}, {@code 429}
 * and {@code 5xx}. Any other answer ({@code 403}, {@code 404}, {@code 422}, ...) is
 * thrown at once. Every retry is logged and counted as
 * {@code tagrelay.cluster.retries{call}}. When the retries are spent on such failures,
 * the call is tried again at the longest interval for the rest of the outage budget
 * ({@code tagrelay.cluster.outage-budget}, counted from the first failure), and only then
 * fails with {@link ClusterUnavailableException}: the update waits out a short outage,
 * its partition held (paused) behind it. A wait ends at once with
 * {@link HandlingAbandonedException} when its poll is abandoned ({@link Handling}).
 */
@Component
public class ClusterCalls {

	private static final Log logger = LogFactory.getLog(ClusterCalls.class);

	private final ClusterProperties.Retry settings;

	private final MeterRegistry metrics;

	private final Retry transientFailures;

	private final Duration outageBudget;

	private final OutageBudget outages;

	public ClusterCalls(ClusterProperties properties, MeterRegistry metrics) {
		this.settings = properties.retry();
		this.outageBudget = properties.outageBudget();
		this.metrics = metrics;
		this.transientFailures = retry("api", ClusterCalls::isTransient);
		this.outages = new OutageBudget("API server", this.outageBudget, this.settings.maxInterval(),
				ClusterCalls::describe);
	}

	/**
	 * Runs a call, retrying transient failures.
	 * @param <T> the result type
	 * @param call the call
	 * @return its result
	 */
	public <T> T call(Supplier<T> call) {
		return this.outages.call(() -> this.transientFailures.executeSupplier(call), ClusterCalls::isTransient,
				(last) -> new ClusterUnavailableException(this.outageBudget, last));
	}

	/**
	 * Runs an attempt again, at the longest backoff interval, for as long as its result
	 * says the API server is unavailable and the outage budget lasts.
	 * @param <T> the result type
	 * @param attempt the attempt
	 * @param unavailable whether a result says the API server did not answer
	 * @return the first result that does not say so, or the last one once the budget is
	 * spent
	 */
	public <T> T waitOut(Supplier<T> attempt, Predicate<T> unavailable) {
		return this.outages.untilAnswered(attempt, unavailable);
	}

	/**
	 * A retry with the configured backoff, for a sequence of calls that is worth running
	 * again as a whole on some failures (re-read and re-patch after a conflict).
	 * @param name names the retry in logs and metrics
	 * @param retryOn which failures to retry
	 * @return the retry
	 */
	public Retry retry(String name, Predicate<Throwable> retryOn) {
		Retry retry = Retry.of(name,
				RetryConfig.custom()
					.maxAttempts(this.settings.maxAttempts())
					.intervalFunction(IntervalFunction.ofExponentialBackoff(this.settings.initialInterval(),
							this.settings.multiplier(), this.settings.maxInterval()))
					.retryOnException(retryOn)
					.build());
		retry.getEventPublisher().onRetry((event) -> {
			this.metrics.counter("tagrelay.cluster.retries", "call", name).increment();
			logger.warn("API server call (" + name + ") failed, attempt " + event.getNumberOfRetryAttempts() + " of "
					+ this.settings.maxAttempts() + ", next in " + event.getWaitInterval().toMillis() + "ms: "
					+ describe(event.getLastThrowable()));
		});
		return retry;
	}

	/**
	 * Whether a failure of the API server is worth retrying.
	 * @param failure what was thrown
	 * @return true for no answer, 408, 429 and 5xx (except a failed JSON Patch
	 * {@code test}, which some API servers answer with 500)
	 */
	public static boolean isTransient(Throwable failure) {
		if (!(failure instanceof KubernetesClientException api)) {
			return false;
		}
		// no HTTP answer at all (timeout, connection refused) has no code: -1 (or 0)
		int code = api.getCode();
		return (code <= 0 || code == 408 || code == 429 || code >= 500) && !isFailedTest(api);
	}

	/**
	 * Whether the API server refused a JSON Patch because its {@code test} op failed.
	 * @param failure what was thrown
	 * @return true if the message says so
	 */
	public static boolean isFailedTest(KubernetesClientException failure) {
		return String.valueOf(failure.getMessage()).contains("test failed");
	}

	/**
	 * What a failed call says to a user, in an outcome or a webhook: the answer's code
	 * and status reason, or that no answer came, never the API server's message or
	 * address (they name its host, and the ServiceAccount the worker runs as).
	 * @param failure what was thrown
	 * @return e.g. {@code the API server answered 403 (Forbidden)}
	 */
	public static String reason(Throwable failure) {
		if (failure instanceof ClusterUnavailableException unavailable) {
			return unavailable.getMessage();
		}
		if (failure instanceof KubernetesClientException api && api.getCode() > 0) {
			String reason = (api.getStatus() != null) ? api.getStatus().getReason() : null;
			return "the API server answered " + api.getCode() + ((reason != null) ? " (" + reason + ")" : "");
		}
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		return "no answer from the API server (" + cause.getClass().getSimpleName() + ")";
	}

	private static String describe(Throwable failure) {
		if (failure instanceof KubernetesClientException api && api.getCode() > 0) {
			return "HTTP " + api.getCode();
		}
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

}
