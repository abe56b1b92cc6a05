package io.tagrelay.worker.state;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.support.kafka.TopicsProperties;
import io.tagrelay.worker.publish.ResultsPublisher;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * A {@link StateReporter} whose state topic is kafka-clients' own {@link MockProducer}:
 * what it sent, decoded, and the acknowledgements given or refused one by one (unless
 * every send is acknowledged at once). The topic's contents against a real broker are
 * {@code DeployFlowIT}'s.
 */
final class StateTopic {

	final MockProducer<String, byte[]> producer;

	final EventCodec codec = new EventCodec();

	final StateReporter reporter;

	/**
	 * @param acknowledgeAtOnce whether every send is acknowledged as it is made
	 */
	StateTopic(boolean acknowledgeAtOnce) {
		// KafkaTemplate closes a producer after each acknowledgement, which the producers
		// of a DefaultKafkaProducerFactory ignore, and a MockProducer would not
		this.producer = new MockProducer<>(acknowledgeAtOnce, null, new StringSerializer(), new ByteArraySerializer()) {

			@Override
			public void close(Duration timeout) {
			}

		};
		this.reporter = new StateReporter(
				new ResultsPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> this.producer)), this.codec,
						topics()),
				Clock.systemUTC());
	}

	/**
	 * Every state sent so far, in order.
	 * @return the states
	 */
	List<TargetState> sent() {
		return this.producer.history().stream().map((sent) -> this.codec.readState(sent.value())).toList();
	}

	private static TopicsProperties topics() {
		return new TopicsProperties(new TopicsProperties.Topics("tagrelay.events", "tagrelay.events.dlt",
				"tagrelay.results", "tagrelay.state", "tagrelay.webhooks.dlt"), true, 6, -1, 200, Duration.ofHours(1));
	}

}
