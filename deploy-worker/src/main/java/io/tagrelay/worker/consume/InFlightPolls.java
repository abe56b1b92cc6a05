package io.tagrelay.worker.consume;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the handling of the events consumers' polls on threads of its own, one per
 * consumer ({@code spring.kafka.listener.concurrency}), so that rollout waits of minutes
 * never hold a consumer thread: it goes on polling (its partitions paused until the poll
 * is acknowledged) and is never evicted for missing {@code max.poll.interval.ms}.
 * <p>
 * Two polls of one partition never overlap: a rebalance, or a stop and start of the
 * container, can deliver a partition's records again while the poll that held them is
 * still being handled; the newer poll starts once the older one has ended, so events of
 * one repository are applied in order. As the consumers' rebalance listener, it abandons
 * a poll whose partitions are revoked.
 * <p>
 * On shutdown every poll in flight is abandoned (not acknowledged, delivered again to the
 * next owner) and the threads are not interrupted: an interrupted rollout wait would be
 * reported as a failed rollout. They are daemon threads, so a wait still in progress does
 * not keep the JVM alive.
 */
@Component
class InFlightPolls implements ConsumerRebalanceListener, DisposableBean {

	private static final Log logger = LogFactory.getLog(InFlightPolls.class);

	private final PollHandler handler;

	private final ExecutorService executor;

	private final Set<InFlightPoll> running = ConcurrentHashMap.newKeySet();

	// the handling of the latest poll of each partition; guarded by this
	private final Map<TopicPartition, CompletableFuture<Void>> latest = new HashMap<>();

	private volatile boolean closed;

	InFlightPolls(PollHandler handler, KafkaProperties kafka) {
		this.handler = handler;
		int consumers = Objects.requireNonNullElse(kafka.getListener().getConcurrency(), 1);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("events-handler-");
		threads.setDaemon(true);
		this.executor = Executors.newFixedThreadPool(consumers, threads);
	}

	/**
	 * Hands a poll over, to be handled once the earlier polls of its partitions have
	 * ended, and acknowledged when its events are handled.
	 * @param records the poll's records
	 * @param ack acknowledges them all
	 */
	synchronized void handOff(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
		if (this.closed) {
			logger.info("Shutting down: " + records.size() + " events left for the next owner of their partitions");
			return;
		}
		InFlightPoll poll = new InFlightPoll(records, ack);
		CompletableFuture<?>[] earlier = poll.partitions()
			.stream()
			.map(this.latest::get)
			.filter(Objects::nonNull)
			.toArray(CompletableFuture<?>[]::new);
		this.running.add(poll);
		CompletableFuture<Void> handled = CompletableFuture.allOf(earlier)
			.handle((result, ex) -> null)
			.thenRunAsync(() -> this.handler.handle(poll), this.executor);
		poll.partitions().forEach((partition) -> this.latest.put(partition, handled));
		handled.whenComplete((result, ex) -> ended(poll, handled, ex));
	}

	private synchronized void ended(InFlightPoll poll, CompletableFuture<Void> handled, Throwable ex) {
		this.running.remove(poll);
		poll.partitions().forEach((partition) -> this.latest.remove(partition, handled));
		if (ex != null && !this.closed) {
			// only an Error gets here: the partitions stay paused until the next
			// rebalance
			logger.error("Handling of " + poll + " ended unexpectedly; not acknowledged", ex);
		}
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			logger.info("events: partitions revoked: " + partitions);
		}
		this.running.forEach((poll) -> poll.revoke(partitions));
	}

	@Override
	public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			logger.info("events: partitions assigned: " + partitions);
		}
	}

	@Override
	public void destroy() {
		this.closed = true;
		this.running.forEach(InFlightPoll::abandon);
		this.executor.shutdown();
	}

}
