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
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>
 * The checks cost the API server nothing while the Deployment's watch keeps up, as
 * {@code kubectl rollout status} watches it: the first judges the Deployment as the
 * change left it (the answer to the patch, whose status the controller may have completed
 * already), the next ones the Deployment as its watch last saw it, once the watch has
 * seen the change (an older generation is read from the API server instead). The last
 * check after the first always reads the API server, so that a rollout is never given up
 * on from a watch that lags or is down, and an outage is told from a stalled rollout.
 */
public class RolloutWatcher {

	private static final Log logger = LogFactory.getLog(RolloutWatcher.class);

	private static final String UNCHECKED = "rollout could not be checked, the API server did not answer: ";

	private final KubernetesClient client;

	private final Watched watched;

	private final ScheduledExecutorService scheduler;

	private final Clock clock;

	/**
	 * A watcher that reads every check from the API server.
	 * @param client the client
	 * @param scheduler runs the checks and the waits between them
	 * @param clock times the wait
	 */
	public RolloutWatcher(KubernetesClient client, ScheduledExecutorService scheduler, Clock clock) {
		this(client, (namespace, name) -> Optional.empty(), scheduler, clock);
	}

	/**
	 * A watcher that judges what the Deployments' watches saw where it can.
	 * @param client the client
	 * @param watched the Deployments as their watches last saw them
	 * @param scheduler runs the checks and the waits between them
	 * @param clock times the wait
	 */
	public RolloutWatcher(KubernetesClient client, Watched watched, ScheduledExecutorService scheduler, Clock clock) {
		this.client = client;
		this.watched = watched;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Waits for a rollout whose change is not at hand: every check judges what the watch
	 * has, else what the API server answers.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param policy the target's rollout policy
	 * @return how it ended
	 */
	public RolloutResult await(String namespace, String name, RolloutPolicy policy) {
		return await(namespace, name, policy, null);
	}

	/**
	 * Waits for the rollout of a change.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param policy the target's rollout policy
	 * @param changed the Deployment as the change left it (the patch's answer), the first
	 * check; or {@code null} to read that too
	 * @return how it ended
	 */
	public RolloutResult await(String namespace, String name, RolloutPolicy policy, Deployment changed) {
		Instant start = this.clock.instant();
		Retry retry = Retry.of("rollout-" + namespace + "-" + name, config(policy));
		AtomicReference<RolloutStatus> last = new AtomicReference<>(RolloutStatus.waiting("not checked"));
		AtomicReference<Deployment> read = new AtomicReference<>();
		AtomicInteger checks = new AtomicInteger();
		CompletableFuture<RolloutStatus> polls = retry
			.executeCompletionStage(this.scheduler, () -> CompletableFuture.supplyAsync(() -> {
				Deployment deployment = look(namespace, name, changed, checks.incrementAndGet(), policy.maxAttempts());
				read.set(deployment);
				last.set(judge(deployment, policy));
				return last.get();
			}, this.scheduler))
			.toCompletableFuture();
		String reason = outcome(polls, policy, last);
		boolean unchecked = reason != null && reason.startsWith(UNCHECKED);
		Duration took = Duration.between(start, this.clock.instant());
		logger.info("Rollout of " + namespace + "/" + name + ((reason == null) ? " succeeded" : " failed: " + reason)
				+ " after " + took.toMillis() + "ms");
		return new RolloutResult(reason == null, reason, took, read.get(), unchecked);
	}

	/**
	 * Where the watcher looks first: a Deployment as its watch last saw it.
	 */
	@FunctionalInterface
	public interface Watched {

		/**
		 * A Deployment as its watch last saw it.
		 * @param namespace the namespace
		 * @param name the Deployment
		 * @return it, or empty if no watch has it (then it is read)
		 */
		Optional<Deployment> cached(String namespace, String name);

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

	// the Deployment a check judges, read from the API server only where the change's
	// answer or the watch cannot tell
	private Deployment look(String namespace, String name, Deployment changed, int check, int checks) {
		if (check == 1 && changed != null) {
			return changed;
		}
		Optional<Deployment> seen = (check < checks) ? this.watched.cached(namespace, name) : Optional.empty();
		return seen.filter((deployment) -> changed == null || generation(deployment) >= generation(changed))
			.orElseGet(() -> this.client.apps().deployments().inNamespace(namespace).withName(name).get());
	}

	private static long generation(Deployment deployment) {
		return Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
	}

	private RolloutStatus judge(Deployment deployment, RolloutPolicy policy) {
		return (deployment != null) ? RolloutJudge.judge(deployment, policy.success(), () -> newReplicaSet(deployment))
				: RolloutStatus.failed("the Deployment disappeared", "gone");
	}

	/**
	 * The new ReplicaSet, read only where the judgement needs it: of the ReplicaSets the
	 * Deployment's selector matches, in its namespace.
	 */
	private Optional<ReplicaSet> newReplicaSet(Deployment deployment) {
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
