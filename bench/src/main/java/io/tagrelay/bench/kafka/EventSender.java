package io.tagrelay.bench.kafka;

import java.util.Map;
import java.util.concurrent.Future;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.RegistryPush;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes registry pushes straight onto the events topic, as the ingest does (keyed by
 * repository, the same JSON), so that the worker can be measured without the ingest in
 * front of it.
 */
public final class EventSender implements AutoCloseable {

	private final EventCodec codec = new EventCodec();

	private final KafkaProducer<String, byte[]> producer;

	private final String topic;

	/**
	 * A sender.
	 * @param bootstrapServers the broker
	 * @param topic the events topic
	 */
	public EventSender(String bootstrapServers, String topic) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer());
		this.topic = topic;
	}

	/**
	 * Sends a push.
	 * @param push the push
	 * @return Kafka's acknowledgement
	 */
	public Future<RecordMetadata> send(RegistryPush push) {
		return this.producer.send(new ProducerRecord<>(this.topic, push.repository(), this.codec.write(push)));
	}

	/**
	 * Sends everything buffered.
	 */
	public void flush() {
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
