package io.tagrelay.worker.consume;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Polls handed over by the consumers: handled on threads of their own, one poll of a
 * partition after the other, never acknowledged once their partitions are revoked.
 */
class InFlightPollsTests {

	private static final TopicPartition PARTITION = new TopicPartition("tagrelay.events", 0);

	private final EventCodec codec = new EventCodec();

	private final List<String> applied = new CopyOnWriteArrayList<>();

	private final AtomicInteger acks = new AtomicInteger();

	private volatile Consumer<List<DeployEvent>> apply = (events) -> {
	};

	private final InFlightPolls polls = new InFlightPolls(new PollHandler(this.codec, (events) -> {
		events.forEach((event) -> this.applied.add(event.eventId()));
		this.apply.accept(events);
	}, (poll, record, reason) -> {
	}, new FixedBackOff(0, 2)), consumers(2));

	@AfterEach
	void close() {
		this.polls.destroy();
	}

	@Test
	void handsAPollOffAndAcknowledgesItOnceApplied() {
		RegistryPush push = push();

		this.polls.handOff(List.of(record(0, push)), this.acks::incrementAndGet);

		await().untilAsserted(() -> assertThat(this.acks).hasValue(1));
		assertThat(this.applied).containsExactly(push.eventId());
	}

	@Test
	void startsALaterPollOfAPartitionOnceTheEarlierOneHasEnded() {
		RegistryPush first = push();
		RegistryPush again = push();
		CountDownLatch laterStarted = new CountDownLatch(1);
		List<Boolean> overlapped = new CopyOnWriteArrayList<>();
		this.apply = (events) -> {
			if (events.size() == 1) {
				overlapped.add(opens(laterStarted));
			}
			else {
				laterStarted.countDown();
			}
		};

		// delivered again after a rebalance, while the first is still being handled
		this.polls.handOff(List.of(record(0, first)), this.acks::incrementAndGet);
		this.polls.handOff(List.of(record(0, first), record(1, again)), this.acks::incrementAndGet);

		await().untilAsserted(() -> assertThat(this.acks).hasValue(2));
		assertThat(overlapped).containsExactly(false);
		assertThat(this.applied).containsExactly(first.eventId(), first.eventId(), again.eventId());
	}

	@Test
	void neverAcknowledgesAPollWhosePartitionWasRevokedWhileItWasHandled() {
		this.apply = (events) -> this.polls.onPartitionsRevoked(List.of(PARTITION));

		this.polls.handOff(List.of(record(0, push())), this.acks::incrementAndGet);

		await().untilAsserted(() -> assertThat(this.applied).hasSize(1));
		RegistryPush next = push();
		this.apply = (events) -> {
		};
		this.polls.handOff(List.of(record(0, next)), this.acks::incrementAndGet);
		await().untilAsserted(() -> assertThat(this.acks).hasValue(1));
		assertThat(this.applied).last().isEqualTo(next.eventId());
	}

	@Test
	void leavesThePollsInFlightUnacknowledgedOnShutdown() {
		CountDownLatch started = new CountDownLatch(1);
		this.apply = (events) -> {
			started.countDown();
			throw new IllegalStateException("the API client is closed");
		};
		this.polls.handOff(List.of(record(0, push())), this.acks::incrementAndGet);
		assertThat(opens(started)).isTrue();

		this.polls.destroy();
		this.polls.handOff(List.of(record(0, push())), this.acks::incrementAndGet);

		assertThat(this.acks).hasValue(0);
		assertThat(this.applied).hasSize(1);
	}

	private ConsumerRecord<String, byte[]> record(long offset, RegistryPush push) {
		return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, push.repository(),
				this.codec.write(push));
	}

	private static RegistryPush push() {
		return new RegistryPush(EventIds.next(), "quay.io/acme/web", List.of("1.0.1"), "quay", Instant.now());
	}

	private static KafkaProperties consumers(int concurrency) {
		KafkaProperties kafka = new KafkaProperties();
		kafka.getListener().setConcurrency(concurrency);
		return kafka;
	}

	// whether the latch opened within half a second
	private static boolean opens(CountDownLatch latch) {
		try {
			return latch.await(500, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
