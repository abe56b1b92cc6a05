package io.tagrelay.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.tagrelay.bench.cluster.ApiCeiling;
import io.tagrelay.bench.cluster.ApiCeiling.Requests;
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
 * rollout is complete as soon as the Deployment is patched. The API requests per update
 * are the ones the mock API server counted from the first event sent to the last outcome
 * read, watches apart.
 */
final class WorkerThroughput {

	private final String bootstrapServers;

	private final PatchRecorder recorder;

	private final Index<String> outcomes;

	/**
	 * The GETs the ceiling makes per update besides the patch: none, as the worker reads
	 * the Deployment from its watch and judges an instant rollout from the patch's
	 * answer.
	 */
	static final int CEILING_READS = 0;

	private final EventCodec codec = new EventCodec();

	WorkerThroughput(String bootstrapServers, PatchRecorder recorder, Index<String> outcomes) {
		this.bootstrapServers = bootstrapServers;
		this.recorder = recorder;
		this.outcomes = outcomes;
	}

	Result run(int targets, Path kubeconfig, int consumers) throws Exception {
		List<String> deployments = IntStream.range(0, targets).mapToObj(BenchStack::workerTarget).toList();
		double ceiling = ApiCeiling.targetsPerSecond(kubeconfig, BenchStack.NAMESPACE, deployments,
				(d) -> "quay.io/bench/" + d + ":" + BenchStack.FIRST_TAG, consumers, CEILING_READS);
		List<CompletableFuture<Read>> awaited = new ArrayList<>();
		this.recorder.resetCounts();
		long start;
		Requests before = ApiCeiling.requests(kubeconfig);
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
		Requests requests = ApiCeiling.requests(kubeconfig).since(before);
		return new Result(targets, updated, (last - start) / 1e9, this.recorder.patches(),
				this.recorder.spanNanos() / 1e9, ceiling, consumers, requests);
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
	 * @param requests what the mock API server counted during the figure
	 */
	record Result(int targets, int updated, double seconds, int patches, double patchSeconds, double ceiling,
			int consumers, Requests requests) {

		double rate() {
			return this.updated / this.seconds;
		}

		String line() {
			long perUpdate = this.requests.patches() + this.requests.gets() + this.requests.lists();
			boolean met = this.updated == this.targets && rate() >= 200 && perUpdate <= 2L * this.targets;
			double per = Math.max(this.targets, 1);
			return String.format(
					"[3] worker throughput: %d of %d distinct targets updated in %.2f s = %.0f updates/s (goal >= 200); "
							+ "API server saw %d patches in %.2f s; API requests per update: %.2f PATCH + %.2f GET "
							+ "+ %.2f LIST (+ %d others in all, watches apart; goal <= 2); ceiling: the mock API "
							+ "server alone serves the worker's 1 PATCH + %d GETs per target for %.0f targets/s "
							+ "(%d client threads): %s",
					this.updated, this.targets, this.seconds, rate(), this.patches, this.patchSeconds,
					this.requests.patches() / per, this.requests.gets() / per, this.requests.lists() / per,
					this.requests.others(), CEILING_READS, this.ceiling, this.consumers, met ? "MET" : "MISSED");
		}

	}

}
