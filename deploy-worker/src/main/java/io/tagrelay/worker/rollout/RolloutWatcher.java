package io.tagrelay.worker.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.MaxRetriesExceededException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tagrelay.model.target.RolloutPolicy;
import io.tagrelay.worker.cluster.ClusterCalls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Waits for a Deployment's rollout: polls its status with the target's exponential
 * backoff (a Resilience4j retry on the result) until it is done by the target's rule,
 * fails at once on {@code ProgressDeadlineExceeded}, and gives up after the target's
 * number of attempts. The waits run on an injected scheduler, so tests never sleep.
 */
public class RolloutWatcher {

	private static final Log logger = LogFactory.getLog(RolloutWatcher.class);

	private static final String UNCHECKED = "rollout could not be checked, the API server did not answer: ";

	private final KubernetesClient client;

	private final ScheduledExecutorService scheduler;

	private final Clock clock;

	public RolloutWatcher(KubernetesClient client, ScheduledExecutorService scheduler, Clock clock) {
		this.client = client;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Waits for a rollout.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param policy the target's rollout policy
	 * @return how it ended
	 */
	public RolloutResult await(String namespace, String name, RolloutPolicy policy) {
		Instant start = this.clock.instant();
		Retry retry = Retry.of("rollout-" + namespace + "-" + name, config(policy));
		AtomicReference<RolloutStatus> last = new AtomicReference<>(RolloutStatus.waiting("not checked"));
		AtomicReference<Deployment> read = new AtomicReference<>();
		CompletableFuture<RolloutStatus> polls = retry
			.executeCompletionStage(this.scheduler,
					() -> CompletableFuture.supplyAsync(() -> poll(namespace, name, policy, last, read),
							this.scheduler))
			.toCompletableFuture();
		String reason = outcome(polls, policy, last);
		boolean unchecked = reason != null && reason.startsWith(UNCHECKED);
		Duration took = Duration.between(start, this.clock.instant());
		logger.info("Rollout of " + namespace + "/" + name + ((reason == null) ? " succeeded" : " failed: " + reason)
				+ " after " + took.toMillis() + "ms");
		return new RolloutResult(reason == null, reason, took, read.get(), unchecked);
	}

	private static RetryConfig config(RolloutPolicy policy) {
		return RetryConfig.<RolloutStatus>custom()
			.maxAttempts(policy.maxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialBackoff(policy.initialInterval(), policy.multiplier(),
					policy.maxInterval()))
			.retryOnResult((status) -> !status.done() && !status.failed())
			.retryOnException(ClusterCalls::isTransient)
			.failAfterMaxAttempts(true)
			.build();
	}

	private RolloutStatus poll(String namespace, String name, RolloutPolicy policy, AtomicReference<RolloutStatus> last,
			AtomicReference<Deployment> read) {
		Deployment deployment = this.client.apps().deployments().inNamespace(namespace).withName(name).get();
		read.set(deployment);
		RolloutStatus status = (deployment != null)
				? RolloutJudge.judge(deployment, policy.success(), newReplicaSet(deployment, policy.success()))
				: RolloutStatus.failed("the Deployment disappeared", "gone");
		last.set(status);
		return status;
	}

	/**
	 * The new ReplicaSet, read only where the judgement needs it ({@code available}): the
	 * ReplicaSets the Deployment's selector matches, in its namespace.
	 */
	private Optional<ReplicaSet> newReplicaSet(Deployment deployment, RolloutPolicy.Success success) {
		if (success != RolloutPolicy.Success.AVAILABLE) {
			return Optional.empty();
		}
		LabelSelector selector = deployment.getSpec().getSelector();
		Map<String, String> labels = (selector != null) ? selector.getMatchLabels() : null;
		List<ReplicaSet> replicaSets = this.client.apps()
			.replicaSets()
			.inNamespace(deployment.getMetadata().getNamespace())
			.withLabels(Objects.requireNonNullElse(labels, Map.of()))
			.list()
			.getItems();
		return NewReplicaSet.of(deployment, replicaSets);
	}

	private static String outcome(CompletableFuture<RolloutStatus> polls, RolloutPolicy policy,
			AtomicReference<RolloutStatus> last) {
		try {
			RolloutStatus status = polls.get();
			return status.done() ? null : "rollout failed: " + status.failure() + " (" + status.progress() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while waiting for the rollout";
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof MaxRetriesExceededException) {
				return "rollout not " + policy.success().name().toLowerCase(Locale.ROOT) + " after "
						+ policy.maxAttempts() + " checks (" + last.get().progress() + ")";
			}
			return (ClusterCalls.isTransient(cause) ? UNCHECKED : "rollout could not be checked: ")
					+ ClusterCalls.reason(cause);
		}
	}

}
