package io.tagrelay.worker.consume;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.support.Acknowledgment;

/**
 * One poll of the events topic, handled off the consumer thread: its records, the
 * acknowledgment that commits them, and whether it is still this worker's to finish. The
 * container keeps the poll's partitions paused until it is acknowledged, so the next
 * records of those partitions wait for it.
 * <p>
 * It is abandoned once every partition it came from is revoked (a rebalance, the
 * container stopping) or the worker shuts down. An abandoned poll is never acknowledged:
 * the partitions' next owner receives its records again (handling an event twice is
 * harmless, the patch marks a Deployment with the event's id), and an acknowledgment that
 * late could end the pause of a newer poll of the same partitions.
 */
final class InFlightPoll {

	private final List<ConsumerRecord<String, byte[]>> records;

	private final Acknowledgment ack;

	private final Set<TopicPartition> partitions;

	// guarded by this
	private final Set<TopicPartition> owned;

	private final CountDownLatch abandoned = new CountDownLatch(1);

	InFlightPoll(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
		this.records = List.copyOf(records);
		this.ack = ack;
		Set<TopicPartition> partitions = new HashSet<>();
		records.forEach((record) -> partitions.add(new TopicPartition(record.topic(), record.partition())));
		this.partitions = Set.copyOf(partitions);
		this.owned = partitions;
	}

	List<ConsumerRecord<String, byte[]>> records() {
		return this.records;
	}

	Set<TopicPartition> partitions() {
		return this.partitions;
	}

	/**
	 * Notes partitions taken from this worker; once none of the poll's is left, it is
	 * abandoned. With a cooperative assignor a poll may keep some partitions: it is then
	 * finished and acknowledged (committing the revoked ones too, at worst an offset
	 * behind their new owner's, which delivers some events again).
	 * @param revoked the revoked partitions
	 */
	synchronized void revoke(Collection<TopicPartition> revoked) {
		if (this.owned.removeAll(revoked) && this.owned.isEmpty()) {
			this.abandoned.countDown();
		}
	}

	/** Abandons the poll: the worker shuts down. */
	synchronized void abandon() {
		this.owned.clear();
		this.abandoned.countDown();
	}

	boolean abandoned() {
		return this.abandoned.getCount() == 0;
	}

	/**
	 * Waits before an attempt is made again, ending early when the poll is abandoned.
	 * @param millis how long
	 * @return whether the poll is still to be finished
	 */
	boolean pause(long millis) {
		try {
			return !this.abandoned.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			abandon();
			return false;
		}
	}

	/**
	 * Acknowledges the poll unless it was abandoned: the container commits its offsets
	 * and resumes its partitions.
	 * @return whether it was acknowledged
	 */
	synchronized boolean acknowledge() {
		if (abandoned()) {
			return false;
		}
		this.ack.acknowledge();
		return true;
	}

	@Override
	public String toString() {
		ConsumerRecord<String, byte[]> first = this.records.get(0);
		return this.records.size() + " events from " + first.topic() + "-" + first.partition() + "@" + first.offset();
	}

}
