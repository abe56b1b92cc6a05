package io.tagrelay.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.tagrelay.bench.cluster.ApiCeiling;
import io.tagrelay.bench.cluster.PatchRecorder;
import io.tagrelay.bench.kafka.EventSender;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.kafka.Index;
import io.tagrelay.testing.kafka.TopicReader.Read;

/**
 * Figure 3: one push for each of many targets (one repository and Deployment each, so
 * every update is for a distinct target) is put on the events topic at once; the worker's
 * throughput is the number of targets updated (outcome {@code UPDATED} read back from the
 * results topic) per second from the first event sent to the last outcome read. Every
 * rollout is complete as soon as the Deployment is patched.
 */
final class WorkerThroughput {

	private final String bootstrapServers;

	private final PatchRecorder recorder;

	private final Index<String> outcomes;

	private final EventCodec codec = new EventCodec();

	WorkerThroughput(String bootstrapServers, PatchRecorder recorder, Index<String> outcomes) {
		this.bootstrapServers = bootstrapServers;
		this.recorder = recorder;
		this.outcomes = outcomes;
	}

	Result run(int targets, Path kubeconfig, int consumers) throws Exception {
		List<String> deployments = IntStream.range(0, targets).mapToObj(BenchStack::workerTarget).toList();
		double ceiling = ApiCeiling.targetsPerSecond(kubeconfig, BenchStack.NAMESPACE, deployments,
				(d) -> "quay.io/bench/" + d + ":" + BenchStack.FIRST_TAG, consumers);
		List<CompletableFuture<Read>> awaited = new ArrayList<>();
		this.recorder.resetCounts();
		long start;
		try (EventSender sender = new EventSender(this.bootstrapServers, BenchStack.EVENTS)) {
			List<RegistryPush> pushes = new ArrayList<>();
			for (int i = 0; i < targets; i++) {
				RegistryPush push = new RegistryPush(EventIds.next(), "quay.io/bench/" + BenchStack.workerTarget(i),
						List.of("1.0.1", "latest"), "bench", Instant.now());
				pushes.add(push);
				awaited.add(this.outcomes.first(push.eventId()));
			}
			start = System.nanoTime();
			pushes.forEach(sender::send);
			sender.flush();
		}
		long last = start;
		int updated = 0;
		for (CompletableFuture<Read> outcome : awaited) {
			Read seen = outcome.get(5, TimeUnit.MINUTES);
			last = Math.max(last, seen.nanos());
			if (this.codec.readOutcome(seen.record().value()).result() == DeploymentOutcome.Result.UPDATED) {
				updated++;
			}
		}
		return new Result(targets, updated, (last - start) / 1e9, this.recorder.patches(),
				this.recorder.spanNanos() / 1e9, ceiling, consumers);
	}

	/**
	 * Figure 3's numbers.
	 *
	 * @param targets events sent, one per target
	 * @param updated outcomes {@code UPDATED}
	 * @param seconds first event sent to last outcome read
	 * @param patches image patches the API server applied
	 * @param patchSeconds first to last patch
	 * @param ceiling targets per second the mock API server allows ({@link ApiCeiling})
	 * @param consumers the client threads of the ceiling
	 */
	record Result(int targets, int updated, double seconds, int patches, double patchSeconds, double ceiling,
			int consumers) {

		double rate() {
			return this.updated / this.seconds;
		}

		String line() {
			boolean met = this.updated == this.targets && rate() >= 200;
			return String.format(
					"[3] worker throughput: %d of %d distinct targets updated in %.2f s = %.0f updates/s (goal >= 200); "
							+ "API server saw %d patches in %.2f s; ceiling: the mock API server alone serves the "
							+ "worker's 5 GETs + 1 PATCH per target for %.0f targets/s (%d client threads): %s",
					this.updated, this.targets, this.seconds, rate(), this.patches, this.patchSeconds, this.ceiling,
					this.consumers, met ? "MET" : "MISSED");
		}

	}

}
