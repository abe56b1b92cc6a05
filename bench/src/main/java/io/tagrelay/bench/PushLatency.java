package io.tagrelay.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tagrelay.bench.cluster.PatchRecorder;
import io.tagrelay.bench.load.Latencies;
import io.tagrelay.bench.service.BenchService;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.testing.kafka.Index;

/**
 * Figure 2: the time from sending a Quay push to the ingest until the mock API server
 * stores the new image in the Deployment (recorded server-side, in the PATCH handler),
 * over sequential pushes of ever newer tags: each push waits for the worker's outcome of
 * the one before, so none queues behind another.
 */
final class PushLatency {

	private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

	private final BenchService ingest;

	private final PatchRecorder recorder;

	private final Index<String> outcomes;

	private final EventCodec codec = new EventCodec();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	PushLatency(BenchService ingest, PatchRecorder recorder, Index<String> outcomes) {
		this.ingest = ingest;
		this.recorder = recorder;
		this.outcomes = outcomes;
	}

	Latencies run(int warmup, int pushes) throws Exception {
		List<Long> measured = new ArrayList<>();
		for (int i = 1; i <= warmup + pushes; i++) {
			// the first waits for the worker's consumer to be assigned its partitions
			long latency = pushAndAwaitPatch("1.0." + i, (i == 1) ? 60 : 10);
			if (i > warmup) {
				measured.add(latency);
			}
		}
		return Latencies.of(measured);
	}

	private long pushAndAwaitPatch(String tag, int timeoutSeconds) throws Exception {
		String image = BenchStack.LATENCY_REPOSITORY + ":" + tag;
		CompletableFuture<Long> patched = this.recorder.expect(BenchStack.NAMESPACE, "latency", image);
		HttpRequest push = HttpRequest.newBuilder(URI.create(this.ingest.url("/webhook")))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + IngestThroughput.basic())
			.POST(HttpRequest.BodyPublishers.ofString("{\"docker_url\":\"%s\",\"updated_tags\":[\"%s\",\"latest\"]}"
				.formatted(BenchStack.LATENCY_REPOSITORY, tag)))
			.timeout(Duration.ofSeconds(10))
			.build();
		long sent = System.nanoTime();
		HttpResponse<String> answer = this.http.send(push, HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 202) {
			throw new IllegalStateException(
					"push of " + tag + " answered " + answer.statusCode() + " " + answer.body());
		}
		long latency = patched.get(timeoutSeconds, TimeUnit.SECONDS) - sent;
		if (latency < 0) {
			throw new IllegalStateException(image + " was patched " + (-latency / 1_000_000) + " ms before its push");
		}
		Matcher id = EVENT_ID.matcher(answer.body());
		if (!id.find()) {
			throw new IllegalStateException("no event id in " + answer.body());
		}
		DeploymentOutcome outcome = this.codec
			.readOutcome(this.outcomes.first(id.group(1)).get(10, TimeUnit.SECONDS).record().value());
		if (outcome.result() != DeploymentOutcome.Result.UPDATED) {
			throw new IllegalStateException("push of " + tag + " ended " + outcome);
		}
		return latency;
	}

	static String line(Latencies latencies) {
		boolean met = latencies.count() >= 50 && latencies.millis(99) <= 50;
		return String.format(
				"[2] push -> Deployment patched: %d sequential pushes, p50 %.1f ms, p99 %.1f ms (goal <= 50), max %.1f ms: %s",
				latencies.count(), latencies.millis(50), latencies.millis(99), latencies.millis(100),
				met ? "MET" : (latencies.count() < 50 ? "TOO FEW PUSHES" : "MISSED"));
	}

}
