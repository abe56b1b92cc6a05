package io.tagrelay.ingest.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptedEventsReaderTests {

	static final String TOPIC = "tagrelay.events";

	final EventIndex index = new EventIndex(new EventsProperties(Duration.ofHours(1), 10), Clock.systemUTC());

	final OwnEvents own = new OwnEvents();

	final AcceptedEventsReader reader = new AcceptedEventsReader(this.index, this.own);

	final EventCodec codec = new EventCodec();

	final RegistryPush push = new RegistryPush(EventIds.next(), "quay.io/acme/web", List.of("1.1.0"), "quay",
			Instant.now());

	@Test
	void indexesTheEventsAnotherReplicaSent() {
		this.reader.onEvent(received(new OwnEvents().record(TOPIC, this.push.repository(), encoded())));

		assertThat(this.index.find(this.push.eventId()))
			.hasValueSatisfying((known) -> assertThat(known.event()).isEqualTo(this.push));
	}

	@Test
	void indexesAnEventWithoutTheReplicasHeader() {
		this.reader.onEvent(received(new ProducerRecord<>(TOPIC, this.push.repository(), encoded())));

		assertThat(this.index.find(this.push.eventId())).isPresent();
	}

	@Test
	void skipsItsOwnEventsUndecodedSinceThePublisherIndexedThem() {
		this.reader.onEvent(received(this.own.record(TOPIC, this.push.repository(), encoded())));

		assertThat(this.index.find(this.push.eventId())).isEmpty();
	}

	private byte[] encoded() {
		return this.codec.write(this.push);
	}

	private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(sent.topic(), 0, 0, sent.key(), sent.value());
		sent.headers().forEach(record.headers()::add);
		return record;
	}

}
