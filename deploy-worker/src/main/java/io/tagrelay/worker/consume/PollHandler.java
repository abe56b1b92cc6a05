package io.tagrelay.worker.consume;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.worker.cluster.Handling;
import io.tagrelay.worker.deploy.BatchDeployService;
import io.tagrelay.worker.deploy.EventsFailedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Handles a poll of the events topic, off the consumer thread, as the listener
 * container's error handler did on it: the events are applied together
 * ({@link BatchDeployService}); when one cannot be handled, it and those after it are
 * applied again 1 s later (an API server or Kafka hiccup), twice, and then it goes to the
 * events dead-letter topic with the reason and the rest of the poll is applied. A record
 * that is not a valid event goes there at once. The poll is acknowledged once each of its
 * events has its outcomes published or is dead-lettered; handling stops, unacknowledged,
 * as soon as the poll is abandoned.
 */
@Component
class PollHandler {

	private static final Log logger = LogFactory.getLog(PollHandler.class);

	/** Attempts after the first one of an event that could not be handled. */
	static final BackOff RETRIES = new FixedBackOff(1000, 2);

	private final EventCodec codec;

	private final Consumer<List<DeployEvent>> service;

	private final DeadLetter deadLetters;

	private final BackOff retries;

	@Autowired
	PollHandler(EventCodec codec, BatchDeployService service, DeadLetters deadLetters) {
		this(codec, service::apply, deadLetters::publish, RETRIES);
	}

	PollHandler(EventCodec codec, Consumer<List<DeployEvent>> service, DeadLetter deadLetters, BackOff retries) {
		this.codec = codec;
		this.service = service;
		this.deadLetters = deadLetters;
		this.retries = retries;
	}

	/**
	 * Handles a poll and acknowledges it, unless it is abandoned first.
	 * @param poll the poll
	 */
	void handle(InFlightPoll poll) {
		Handling.within(poll::pause, () -> handleWithin(poll));
	}

	private void handleWithin(InFlightPoll poll) {
		Retries retries = new Retries(this.retries);
		List<Integer> pending = new ArrayList<>();
		for (int i = 0; i < poll.records().size(); i++) {
			pending.add(i);
		}
		while (!pending.isEmpty() && !poll.abandoned()) {
			pending = apply(poll, pending, retries);
		}
		if (!pending.isEmpty() || !poll.acknowledge()) {
			logger.info("Stopped handling " + poll + ": its partitions were revoked or the worker stops; "
					+ "the next owner of its partitions gets them again");
		}
	}

	// applies the pending events up to the first invalid record, which is dead-lettered;
	// returns the indexes still pending, in order
	private List<Integer> apply(InFlightPoll poll, List<Integer> pending, Retries retries) {
		List<ConsumerRecord<String, byte[]>> records = poll.records();
		List<DeployEvent> events = new ArrayList<>();
		List<Integer> indexes = new ArrayList<>();
		InvalidInputException invalid = null;
		for (int index : pending) {
			try {
				events.add(this.codec.readEvent(records.get(index).value()));
				indexes.add(index);
			}
			catch (InvalidInputException ex) {
				invalid = ex;
				break;
			}
		}
		List<Integer> rest = new ArrayList<>(pending.subList(indexes.size(), pending.size()));
		try {
			if (!events.isEmpty()) {
				this.service.accept(events);
			}
		}
		catch (EventsFailedException ex) {
			return failed(poll, map(ex.failed(), indexes), map(ex.unhandled(), indexes), rest, ex.getCause(), retries);
		}
		catch (RuntimeException ex) {
			return failed(poll, indexes.subList(0, 1), indexes, rest, ex, retries);
		}
		if (invalid != null) {
			this.deadLetters.publish(poll, records.get(rest.get(0)), invalid);
			rest.remove(0);
		}
		return rest;
	}

	// the failed events are tried again, with the unhandled ones, until their retries are
	// spent: then they are dead-lettered and the others go on
	private List<Integer> failed(InFlightPoll poll, List<Integer> failed, List<Integer> unhandled, List<Integer> rest,
			Throwable cause, Retries retries) {
		List<Integer> pending = new ArrayList<>(unhandled);
		long wait = retries.next(failed.get(0));
		if (wait == BackOffExecution.STOP) {
			failed.forEach((index) -> this.deadLetters.publish(poll, poll.records().get(index), cause));
			pending.removeAll(failed);
		}
		else {
			logger.warn("Event " + DeadLetters.format(poll.records().get(failed.get(0))) + " not handled, again in "
					+ wait + "ms: " + cause.getMessage());
			poll.pause(wait);
		}
		pending.addAll(rest);
		return pending;
	}

	private static List<Integer> map(List<Integer> positions, List<Integer> indexes) {
		return positions.stream().map(indexes::get).toList();
	}

	/** Where an event that cannot be handled goes: {@link DeadLetters}. */
	@FunctionalInterface
	interface DeadLetter {

		void publish(InFlightPoll poll, ConsumerRecord<String, byte[]> record, Throwable reason);

	}

	// the back-off of the event that failed last: another one that fails starts afresh
	private static final class Retries {

		private final BackOff backOff;

		private int index = -1;

		private BackOffExecution execution;

		Retries(BackOff backOff) {
			this.backOff = backOff;
		}

		long next(int failed) {
			if (failed != this.index) {
				this.index = failed;
				this.execution = this.backOff.start();
			}
			return this.execution.nextBackOff();
		}

	}

}
