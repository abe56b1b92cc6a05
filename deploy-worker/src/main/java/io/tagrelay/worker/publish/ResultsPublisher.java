package io.tagrelay.worker.publish;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.support.kafka.TopicsProperties;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes outcomes on the results topic and container states on the compacted state
 * topic, both keyed by {@code TargetRef.key()}. An outcome is waited for (Kafka's
 * acknowledgement), so that an event's offset is committed only once its outcome is
 * durable; a state is not.
 */
@Component
public class ResultsPublisher {

	private static final long TIMEOUT_SECONDS = 15;

	private final KafkaTemplate<String, byte[]> kafka;

	private final EventCodec codec;

	private final TopicsProperties topics;

	public ResultsPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, TopicsProperties topics) {
		this.kafka = kafka;
		this.codec = codec;
		this.topics = topics;
	}

	/**
	 * Publishes an outcome.
	 * @param outcome the outcome
	 */
	public void publish(DeploymentOutcome outcome) {
		send(this.topics.topics().results(), outcome.target().key(), this.codec.write(outcome));
	}

	/**
	 * Publishes outcomes, sending them all before waiting for Kafka's acknowledgements.
	 * @param outcomes the outcomes
	 */
	public void publishAll(List<DeploymentOutcome> outcomes) {
		List<CompletableFuture<?>> sent = outcomes.stream()
			.<CompletableFuture<?>>map((outcome) -> this.kafka.send(this.topics.topics().results(),
					outcome.target().key(), this.codec.write(outcome)))
			.toList();
		sent.forEach((send) -> await(send, this.topics.topics().results()));
	}

	/**
	 * Sends a container's state, without waiting for Kafka's acknowledgement: states are
	 * a mirror of the cluster, sent again from the watch's cache when one is lost.
	 * @param state the state
	 * @return completes once Kafka has acknowledged it, or with why not
	 */
	public CompletableFuture<?> send(TargetState state) {
		return this.kafka.send(this.topics.topics().state(), state.target().key(), this.codec.write(state));
	}

	private void send(String topic, String key, byte[] value) {
		await(this.kafka.send(topic, key, value), topic);
	}

	private static void await(CompletableFuture<?> send, String topic) {
		try {
			send.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("interrupted while publishing to " + topic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaException("could not publish to " + topic, ex);
		}
	}

}
