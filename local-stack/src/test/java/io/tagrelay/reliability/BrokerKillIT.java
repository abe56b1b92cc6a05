package io.tagrelay.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tagrelay.local.LocalStack;
import io.tagrelay.local.LocalStackOptions;
import io.tagrelay.local.Services;
import io.tagrelay.reliability.Pusher.Push;
import io.tagrelay.testing.cluster.SimulatedCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker is SIGKILLed while pushes keep coming, and started again on the same
 * log directory: every push the ingest answered 202 gets its outcome, applied or
 * superseded by a greater tag that was applied, no Deployment is ever downgraded, each
 * ends on the greatest tag enqueued ({@link Ledger}), and every push while the broker is
 * down is answered 503 within the enqueue timeout (never 202, never a hang).
 *
 * <p>
 * One client thread per repository pushes strictly increasing tags ({@code 1.0.1},
 * {@code 1.0.2}, ...). {@code -Dtagrelay.reliability.scale=N} makes every phase N times
 * longer.
 */
class BrokerKillIT extends FaultTest {

	/** The ingest's {@code tagrelay.ingest.enqueue-timeout} in this test. */
	private static final Duration ENQUEUE_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * The slowest 503 allowed. The ingest bounds a send by the enqueue timeout twice
	 * over: {@code max.block.ms} (= the enqueue timeout) bounds the wait for metadata
	 * inside {@code send()}, and the acknowledgement future times out when what is left
	 * of the enqueue timeout has passed, so a 503 is due at the enqueue timeout; the
	 * margin is for HTTP and scheduling on a loaded 2-core machine.
	 */
	private static final Duration MAX_503 = ENQUEUE_TIMEOUT.plusSeconds(2);

	private static final int SCALE = Integer.getInteger("tagrelay.reliability.scale", 1);

	private static final Fleet FLEET = new Fleet(List.of("web", "api", "jobs"));

	@Test
	void everyAcceptedPushIsAppliedOrSupersededAndPushesDuringTheOutageGet503Quickly() throws Exception {
		KafkaBrokerProcess broker = this.parts.started(new KafkaBrokerProcess(this.dir));
		broker.start();
		SimulatedCluster sandbox = sandbox(FLEET, Duration.ofMillis(20));
		List<String> properties = new ArrayList<>(FLEET.targetProperties("rollout.initial-interval=20ms",
				// the guarantees are judged, not the rollout speed: a loaded CI machine
				// may
				// take more than the default 10 checks
				"rollout.max-attempts=30"));
		properties.add("--tagrelay.ingest.enqueue-timeout=" + ENQUEUE_TIMEOUT.toMillis() + "ms");
		// the ingest first, then the worker (both declare the events topic alike)
		InProcessIngest ingest = this.parts.started(InProcessIngest.start(broker.bootstrapServers(), properties));
		// the worker in this JVM too: it is not the one killed here, and a JVM less keeps
		// the
		// test short
		System.setProperty("kubeconfig", kubeconfig(sandbox).toString());
		this.parts.started(() -> System.clearProperty("kubeconfig"));
		List<String> options = new ArrayList<>(List.of("--ingest-port=0", "--worker-port=0", "--receiver-port=0"));
		options.addAll(properties);
		this.parts
			.started(new Services(broker.bootstrapServers(), 0, LocalStackOptions.parse(options.toArray(String[]::new)))
				.startWorker());
		Pusher pusher = ingest.pusher();

		Collection<Push> pushes = new ConcurrentLinkedQueue<>();
		AtomicBoolean pushing = new AtomicBoolean(true);
		ExecutorService clients = Executors.newFixedThreadPool(FLEET.names().size());
		for (String name : FLEET.names()) {
			clients.submit(() -> pushIncreasingTags(pusher, name, pushing, pushes));
		}
		// the broker dies while the worker is busy: once it applied pushes of every
		// repository
		await().atMost(Duration.ofSeconds(60))
			.until(() -> FLEET.names()
				.stream()
				.allMatch((name) -> sandbox.history().of(LocalStack.NAMESPACE, name).size() > 2 * SCALE));
		int exit = broker.kill();
		long killedAt = System.nanoTime();
		// longer than two pushes of each client, so each makes at least one push while
		// the
		// broker is certainly down
		Thread.sleep(2 * MAX_503.toMillis() * SCALE);
		long restartBegunAt = System.nanoTime();
		broker.start();
		Duration outage = Duration.ofNanos(System.nanoTime() - killedAt);
		Thread.sleep(3000L * SCALE);
		pushing.set(false);
		clients.shutdown();
		assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		List<Push> duringOutage = pushes.stream()
			.filter((push) -> push.startNanos() >= killedAt && push.endNanos() <= restartBegunAt)
			.toList();
		List<Push> refused = pushes.stream().filter((push) -> push.status() == 503).toList();
		Duration slowest503 = refused.stream().map(Push::latency).max(Duration::compareTo).orElse(Duration.ZERO);
		// the worker commits a poll's offsets once it handled the poll's events
		String kafka = broker.bootstrapServers();
		awaitEveryEventCommitted(kafka, Duration.ofSeconds(90L * SCALE));
		long events = Offsets.end(kafka, "tagrelay.events");
		long committed = Offsets.committed(kafka, "tagrelay-worker", "tagrelay.events");
		long refusedButApplied = refused.stream().filter((push) -> applied(sandbox, push)).count();
		Ledger ledger = ledger(pushes, kafka, FLEET, sandbox);
		System.out.printf(
				"broker-kill: outage=%dms pushed=%d %s events=%d committed=%d answered503=%d duringOutage=%d maxLatency503=%dms "
						+ "answered503ButApplied=%d%n",
				outage.toMillis(), pushes.size(), ledger.counts(), events, committed, refused.size(),
				duringOutage.size(), slowest503.toMillis(), refusedButApplied);

		assertThat(exit).as("exit code of the broker: 128 + SIGKILL").isEqualTo(137);
		assertThat(pushes).as("answers other than 202 and 503 (0: no answer)")
			.allSatisfy((push) -> assertThat(push.status()).isIn(202, 503));
		assertThat(duringOutage).isNotEmpty().allSatisfy((push) -> assertThat(push.status()).isEqualTo(503));
		assertThat(slowest503).isLessThan(MAX_503);
		ledger.assertGuarantees();
		assertThat(ledger.lost()).as("202s neither updated nor superseded").isZero();
		assertThat(committed).as("offsets committed by the worker").isEqualTo(events);
	}

	private static void pushIncreasingTags(Pusher pusher, String name, AtomicBoolean pushing, Collection<Push> pushes) {
		for (int patch = 1; pushing.get(); patch++) {
			pushes.add(pusher.push(Fleet.repository(name), "1.0." + patch));
			try {
				Thread.sleep(150);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static boolean applied(SimulatedCluster sandbox, Push push) {
		String name = push.repository().substring(push.repository().lastIndexOf('/') + 1);
		return sandbox.history().of(LocalStack.NAMESPACE, name).contains(Fleet.image(name, push.tag()));
	}

}
