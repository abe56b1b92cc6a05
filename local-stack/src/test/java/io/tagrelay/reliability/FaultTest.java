package io.tagrelay.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

import io.tagrelay.local.LocalStack;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.reliability.Pusher.Push;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.kafka.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What every fault test stands on: a directory of its own, the parts it starts (closed
 * when it ends, whatever it left running), the sandbox with the test's fleet of
 * Deployments, the ledger of what happened, and the end of every child JVM's log in the
 * report of a failure.
 */
@ExtendWith(ChildLogsOnFailure.class)
abstract class FaultTest {

	private static final EventCodec CODEC = new EventCodec();

	@TempDir
	Path dir;

	final Parts parts = new Parts();

	@AfterEach
	void stopAll() throws Exception {
		this.parts.close();
	}

	/**
	 * Starts an embedded KRaft broker for the test.
	 * @param partitions the partitions of a topic it creates
	 * @return the broker
	 */
	EmbeddedKafkaKraftBroker broker(int partitions) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
		broker.afterPropertiesSet();
		this.parts.started(broker::destroy);
		return broker;
	}

	/**
	 * Starts the sandbox API holding the fleet's Deployments.
	 * @param fleet the fleet
	 * @param rolloutTime how long a rollout takes
	 * @return the sandbox
	 */
	SimulatedCluster sandbox(Fleet fleet, Duration rolloutTime) {
		SimulatedCluster sandbox = this.parts.started(LocalStack.startSandbox(0, rolloutTime));
		fleet.deployTo(sandbox);
		return sandbox;
	}

	/**
	 * Writes the sandbox's kubeconfig into the test's directory.
	 * @param sandbox the sandbox
	 * @return the file
	 */
	Path kubeconfig(SimulatedCluster sandbox) {
		return LocalStack.writeKubeconfig(sandbox, this.dir.resolve("kubeconfig"));
	}

	/**
	 * Waits until the workers' group has committed every event of the events topic (the
	 * workers commit a poll's offsets once they handled its events).
	 * @param kafka the broker
	 * @param atMost the longest wait
	 */
	static void awaitEveryEventCommitted(String kafka, Duration atMost) {
		Waiting.until(atMost, () -> Offsets.committed(kafka, "tagrelay-worker", "tagrelay.events") == Offsets.end(kafka,
				"tagrelay.events"));
	}

	/**
	 * The ledger of the pushes against what the topics hold and every image the sandbox
	 * stored.
	 * @param pushes the pushes made
	 * @param kafka the broker
	 * @param fleet the fleet
	 * @param sandbox the sandbox
	 * @return the ledger
	 */
	static Ledger ledger(Collection<Push> pushes, String kafka, Fleet fleet, SimulatedCluster sandbox) {
		return new Ledger(pushes, TopicReader.readAll(kafka, "tagrelay.events", CODEC::readEvent),
				TopicReader.readAll(kafka, "tagrelay.results", CODEC::readOutcome), fleet.histories(sandbox));
	}

}
