package io.tagrelay.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.tagrelay.local.LocalStack;
import io.tagrelay.reliability.Pusher.Push;
import io.tagrelay.testing.cluster.SimulatedCluster;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two workers in one consumer group share a stream of pushes for several repositories,
 * one per partition of the events topic: every push gets one outcome, applied or
 * superseded by a greater tag that was applied; each tag is applied at most once, in the
 * order pushed, and no Deployment is ever downgraded, as the sequence of images the
 * sandbox API server stored for each Deployment shows; each ends on the last tag pushed
 * ({@link Ledger}). {@code -Dtagrelay.reliability.scale=N} pushes N times as many tags.
 */
class TwoWorkersIT extends FaultTest {

	private static final int PARTITIONS = 6;

	private static final int SCALE = Integer.getInteger("tagrelay.reliability.scale", 1);

	private static final int TAGS_PER_REPOSITORY = 8 * SCALE;

	@Test
	void everyPushIsAppliedOrSupersededInOrderWithoutADowngrade() throws Exception {
		Fleet fleet = new Fleet(onePerPartition());
		EmbeddedKafkaKraftBroker broker = broker(PARTITIONS);
		SimulatedCluster sandbox = sandbox(fleet, Duration.ofMillis(20));
		Path kubeconfig = kubeconfig(sandbox);
		List<String> properties = new ArrayList<>(fleet.targetProperties("rollout.initial-interval=20ms",
				// the guarantees are judged, not the rollout speed: a loaded CI machine
				// may
				// take more than the default 10 checks
				"rollout.max-attempts=30"));
		properties.add("--tagrelay.kafka.partitions=" + PARTITIONS);
		// consumers per worker = partitions / workers: the events consumers rebalance
		// cooperatively (sticky), so a second worker whose consumers would outnumber the
		// partitions left idle gets none while the first one's keep theirs
		properties.add("--spring.kafka.listener.concurrency=" + PARTITIONS / 2);
		properties.addAll(WorkerProcess.QUICK_HANDOVER);
		String kafka = broker.getBrokersAsString();
		WorkerProcess one = this.parts.started(WorkerProcess.start("two-workers-1", kafka, kubeconfig, 0, properties));
		WorkerProcess two = this.parts.started(WorkerProcess.start("two-workers-2", kafka, kubeconfig, 0, properties));
		InProcessIngest ingest = this.parts.started(InProcessIngest.start(kafka, properties));
		one.awaitReady();
		two.awaitReady();
		Waiting.until(Duration.ofSeconds(60), () -> one.owns("tagrelay.events") && two.owns("tagrelay.events"));

		Pusher pusher = ingest.pusher();
		Collection<Push> pushes = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(fleet.names().size());
		for (String name : fleet.names()) {
			clients.submit(() -> IntStream.rangeClosed(1, TAGS_PER_REPOSITORY)
				.forEach((patch) -> pushes.add(pusher.push(Fleet.repository(name), "1.0." + patch))));
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(60L * SCALE, TimeUnit.SECONDS)).isTrue();
		awaitEveryEventCommitted(kafka, Duration.ofSeconds(90L * SCALE));
		long events = Offsets.end(kafka, "tagrelay.events");
		long committed = Offsets.committed(kafka, "tagrelay-worker", "tagrelay.events");
		Ledger ledger = ledger(pushes, kafka, fleet, sandbox);
		System.out.printf(
				"two-workers: repositories=%d pushed=%d %s events=%d committed=%d patchesWorker1=%d "
						+ "patchesWorker2=%d%n",
				fleet.names().size(), pushes.size(), ledger.counts(), events, committed, one.patches(), two.patches());
		assertThat(pushes).allSatisfy((push) -> assertThat(push.status()).as(push.body()).isEqualTo(202));
		ledger.assertGuarantees();
		assertThat(ledger.lost()).as("202s neither updated nor superseded").isZero();
		assertThat(ledger.extraOutcomes()).as("outcomes beyond one per event").isZero();
		String last = "1.0." + TAGS_PER_REPOSITORY;
		fleet.names()
			.forEach((name) -> assertThat(sandbox.image(LocalStack.NAMESPACE, name, name)).as("demo/%s", name)
				.isEqualTo(Fleet.image(name, last)));
		assertThat(committed).as("offsets committed by the workers' group").isEqualTo(events).isEqualTo(pushes.size());
		assertThat(one.patches()).as("patches by worker 1").isPositive();
		assertThat(two.patches()).as("patches by worker 2").isPositive();
	}

	/**
	 * Repository names whose keys fall on every partition of the events topic, by the
	 * producer's own partitioner (murmur2 of the key), so that both workers get work.
	 */
	private static List<String> onePerPartition() {
		Map<Integer, String> byPartition = new LinkedHashMap<>();
		for (int n = 0; byPartition.size() < PARTITIONS; n++) {
			String name = "app" + n;
			byte[] key = Fleet.repository(name).getBytes(StandardCharsets.UTF_8);
			byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(key)) % PARTITIONS, name);
		}
		return List.copyOf(byPartition.values());
	}

}
