package io.tagrelay.worker.consume;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.worker.deploy.EventsFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the handler of a poll does when events fail: it behaves as the container's error
 * handler did (retry from the event that failed, then dead-letter it and go on), without
 * the waits between attempts.
 */
class PollHandlerTests {

	private final EventCodec codec = new EventCodec();

	private final List<List<String>> applied = new ArrayList<>();

	private final List<String> deadLettered = new ArrayList<>();

	private final AtomicInteger acks = new AtomicInteger();

	@Test
	void appliesTheEventsOfAPollTogetherAndAcknowledgesIt() {
		List<RegistryPush> pushes = List.of(push("1.0.1"), push("1.0.2"));
		InFlightPoll poll = poll(records(pushes));

		handler((events) -> {
		}).handle(poll);

		assertThat(this.applied).containsExactly(ids(pushes));
		assertThat(this.acks).hasValue(1);
	}

	@Test
	void retriesTheUnhandledEventsTwiceThenDeadLettersTheFailedOneAndAppliesTheRest() {
		List<RegistryPush> pushes = List.of(push("1.0.1"), push("1.0.2"), push("1.0.3"));
		String failing = pushes.get(1).eventId();
		InFlightPoll poll = poll(records(pushes));

		handler((events) -> {
			int index = events.stream().map(DeployEvent::eventId).toList().indexOf(failing);
			if (index >= 0) {
				// the failing event and the one after it (same repository) are not
				// handled
				throw new EventsFailedException(List.of(index), List.of(index, index + 1),
						new IllegalStateException("API server answered 503"));
			}
		}).handle(poll);

		assertThat(this.applied).containsExactly(ids(pushes), ids(pushes.subList(1, 3)), ids(pushes.subList(1, 3)),
				ids(pushes.subList(2, 3)));
		assertThat(this.deadLettered).containsExactly("1: API server answered 503");
		assertThat(this.acks).hasValue(1);
	}

	@Test
	void appliesAgainOnlyTheEventsThatWereNotHandled() {
		List<RegistryPush> pushes = List.of(push("1.0.1"), push("1.0.2"), push("1.0.3"));
		String failing = pushes.get(0).eventId();
		InFlightPoll poll = poll(records(pushes));

		handler((events) -> {
			int index = events.stream().map(DeployEvent::eventId).toList().indexOf(failing);
			if (index >= 0) {
				// another repository's events after it were handled
				throw new EventsFailedException(List.of(index), List.of(index),
						new IllegalStateException("403 reading demo/a"));
			}
		}).handle(poll);

		assertThat(this.applied).containsExactly(ids(pushes), ids(pushes.subList(0, 1)), ids(pushes.subList(0, 1)));
		assertThat(this.deadLettered).containsExactly("0: 403 reading demo/a");
		assertThat(this.acks).hasValue(1);
	}

	@Test
	void deadLettersARecordThatIsNotAnEventAtOnceAndAppliesTheEventsAroundIt() {
		RegistryPush before = push("1.0.1");
		RegistryPush after = push("1.0.2");
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(records(List.of(before)));
		records.add(record(1, "{not json".getBytes(StandardCharsets.UTF_8)));
		records.add(record(2, this.codec.write(after)));

		handler((events) -> {
		}).handle(poll(records));

		assertThat(this.applied).containsExactly(List.of(before.eventId()), List.of(after.eventId()));
		assertThat(this.deadLettered).singleElement().asString().startsWith("1: ");
		assertThat(this.acks).hasValue(1);
	}

	@Test
	void stopsWithoutAcknowledgingOnceThePollsPartitionIsRevoked() {
		InFlightPoll poll = poll(records(List.of(push("1.0.1"), push("1.0.2"))));

		handler((events) -> {
			poll.revoke(List.of(new TopicPartition("tagrelay.events", 0)));
			throw new EventsFailedException(List.of(0), List.of(0, 1), new IllegalStateException("Kafka down"));
		}).handle(poll);

		assertThat(this.applied).hasSize(1);
		assertThat(this.deadLettered).isEmpty();
		assertThat(this.acks).hasValue(0);
		assertThat(poll.acknowledge()).isFalse();
	}

	@Test
	void finishesAndAcknowledgesAPollThatKeepsOneOfItsPartitions() {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(records(List.of(push("1.0.1"))));
		records
			.add(new ConsumerRecord<>("tagrelay.events", 1, 0, "quay.io/acme/other", this.codec.write(push("2.0.0"))));
		InFlightPoll poll = poll(records);

		handler((events) -> poll.revoke(List.of(new TopicPartition("tagrelay.events", 1)))).handle(poll);

		assertThat(this.acks).hasValue(1);
	}

	private PollHandler handler(Consumer<List<DeployEvent>> apply) {
		return new PollHandler(this.codec, (events) -> {
			this.applied.add(events.stream().map(DeployEvent::eventId).toList());
			apply.accept(events);
		}, (poll, record, reason) -> {
			assertThat(reason).isInstanceOfAny(IllegalStateException.class, InvalidInputException.class);
			this.deadLettered.add(record.offset() + ": " + reason.getMessage());
		}, new FixedBackOff(0, 2));
	}

	private InFlightPoll poll(List<ConsumerRecord<String, byte[]>> records) {
		return new InFlightPoll(records, this.acks::incrementAndGet);
	}

	private List<ConsumerRecord<String, byte[]>> records(List<RegistryPush> pushes) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		for (RegistryPush push : pushes) {
			records.add(record(records.size(), this.codec.write(push)));
		}
		return records;
	}

	private static ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
		return new ConsumerRecord<>("tagrelay.events", 0, offset, "quay.io/acme/web", value);
	}

	private static List<String> ids(List<RegistryPush> pushes) {
		return pushes.stream().map(RegistryPush::eventId).toList();
	}

	private static RegistryPush push(String tag) {
		return new RegistryPush(EventIds.next(), "quay.io/acme/web", List.of(tag), "quay", Instant.now());
	}

}
