package io.tagrelay.ingest.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import org.springframework.stereotype.Component;

/**
 * Marks the records of the events this replica sends with a header naming the replica, so
 * that its own reader of the events topic ({@link AcceptedEventsReader}) skips them
 * without decoding them: the publisher indexed each of them already, before its 202.
 * Other replicas, and the worker, read the record as before.
 */
@Component
public class OwnEvents {

	/** The header that names the replica that sent an event. */
	static final String HEADER = "tagrelay-ingest-replica";

	private final byte[] replica = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);

	/**
	 * The record of an event this replica sends.
	 * @param topic the events topic
	 * @param key the record's key
	 * @param value the encoded event
	 * @return the record, marked as this replica's
	 */
	public ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
		return new ProducerRecord<>(topic, null, key, value, List.of(new RecordHeader(HEADER, this.replica)));
	}

	/**
	 * Whether this replica sent a record.
	 * @param record a record of the events topic
	 * @return true if it is marked as this replica's
	 */
	boolean isOwn(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(HEADER);
		return header != null && Arrays.equals(header.value(), this.replica);
	}

}
