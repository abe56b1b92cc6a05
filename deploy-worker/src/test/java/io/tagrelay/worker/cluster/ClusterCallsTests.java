package io.tagrelay.worker.cluster;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagrelay.worker.config.ClusterProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClusterCallsTests {

	@Test
	void saysWhatTheApiServerAnsweredWithoutItsMessageWhichNamesTheServiceAccount() {
		KubernetesClientException forbidden = new KubernetesClientException(new StatusBuilder().withCode(403)
			.withReason("Forbidden")
			.withMessage(
					"deployments.apps \"web\" is forbidden: User \"system:serviceaccount:tagrelay:tagrelay-worker\""
							+ " cannot patch resource \"deployments\"")
			.build());

		assertThat(ClusterCalls.reason(forbidden)).isEqualTo("the API server answered 403 (Forbidden)");
	}

	@Test
	void saysThatNoAnswerCameWithoutTheServersAddress() {
		KubernetesClientException refused = new KubernetesClientException(
				"Failure executing: GET at: https://10.96.0.1/apis/apps/v1/namespaces/demo/deployments/web",
				new ConnectException("Connection refused: /10.96.0.1:443"));
		KubernetesClientException unknown = new KubernetesClientException("Operation: [get]",
				new UnknownHostException("kubernetes.default.svc"));

		assertThat(ClusterCalls.reason(refused)).isEqualTo("no answer from the API server (ConnectException)");
		assertThat(ClusterCalls.reason(unknown)).isEqualTo("no answer from the API server (UnknownHostException)")
			.doesNotContain("kubernetes.default.svc");
	}

	@Test
	@Timeout(30) // without the abandonment it would wait out the hour
	void stopsWaitingOutAnOutageOnceItsPollIsAbandoned() {
		// a budget of an hour: only the abandonment can end the wait
		ClusterCalls calls = new ClusterCalls(new ClusterProperties(Duration.ofSeconds(1),
				new ClusterProperties.Retry(2, Duration.ofMillis(1), 1.0, Duration.ofSeconds(10)), 1,
				Duration.ofHours(1), ClusterProperties.WatchScope.DEPLOYMENT), new SimpleMeterRegistry());
		AtomicInteger attempts = new AtomicInteger();
		List<Long> waits = new ArrayList<>();

		assertThatExceptionOfType(HandlingAbandonedException.class).isThrownBy(
				() -> Handling.within((millis) -> waits.add(millis) && waits.size() < 3, () -> calls.call(() -> {
					attempts.incrementAndGet();
					throw unavailable();
				})));
		// two outage waits wanted, the third says the poll was abandoned: no call after
		// it
		assertThat(waits).containsExactly(10_000L, 10_000L, 10_000L);
		assertThat(attempts).hasValue(3 * 2);
	}

	@Test
	void waitsOutAnOutageAsLongAsItsPollIsWanted() {
		ClusterCalls calls = new ClusterCalls(new ClusterProperties(Duration.ofSeconds(1),
				new ClusterProperties.Retry(1, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)), 1, Duration.ofHours(1),
				ClusterProperties.WatchScope.DEPLOYMENT), new SimpleMeterRegistry());
		AtomicInteger attempts = new AtomicInteger();

		AtomicReference<String> result = new AtomicReference<>();

		Handling.within((millis) -> true, () -> result.set(calls.call(() -> {
			if (attempts.incrementAndGet() < 4) {
				throw unavailable();
			}
			return "answered";
		})));

		assertThat(result).hasValue("answered");
	}

	private static KubernetesClientException unavailable() {
		return new KubernetesClientException("Operation: [get]", new ConnectException("Connection refused"));
	}

}
