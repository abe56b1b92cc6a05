package io.tagrelay.worker.cluster;

import java.time.Duration;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import org.springframework.stereotype.Component;

/**
 * Runs calls to the API server with a few retries on errors that are worth retrying: no
 * answer (timeouts, connection refused), {@code 429} and {@code 5xx}. A {@code 404},
 * {@code 409} or {@code 422} is an answer and is thrown at once.
 */
@Component
public class ClusterCalls {

	private final Retry retry = Retry.of("kubernetes-api", RetryConfig.custom()
		.maxAttempts(3)
		.intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(2)))
		.retryOnException(ClusterCalls::isTransient)
		.build());

	/**
	 * Runs a call, retrying transient failures.
	 * @param <T> the result type
	 * @param call the call
	 * @return its result
	 */
	public <T> T call(Supplier<T> call) {
		return this.retry.executeSupplier(call);
	}

	/**
	 * Whether a failure of the API server is worth retrying.
	 * @param failure what was thrown
	 * @return true for no answer, 429 and 5xx
	 */
	public static boolean isTransient(Throwable failure) {
		if (!(failure instanceof KubernetesClientException api)) {
			return false;
		}
		int code = api.getCode();
		return code == 0 || code == 429 || code >= 500;
	}

}
