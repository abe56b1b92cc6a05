package io.tagrelay.worker.consume;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.EventCodec;
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
		Retries retries = new Retries(this.retries);
		int next = 0;
		while (next < poll.records().size() && !poll.abandoned()) {
			next = applyFrom(poll, next, retries);
		}
		if (next < poll.records().size() || !poll.acknowledge()) {
			logger.info("Stopped handling " + poll + ": its partitions were revoked or the worker stops; "
					+ "the next owner of its partitions gets them again");
		}
	}

	// applies the events from index from up to the first invalid record, dead-letters
	// that one; returns the index to go on from
	private int applyFrom(InFlightPoll poll, int from, Retries retries) {
		List<ConsumerRecord<String, byte[]>> records = poll.records();
		List<DeployEvent> events = new ArrayList<>();
		InvalidInputException invalid = null;
		int end = from;
		while (end < records.size() && invalid == null) {
			try {
				events.add(this.codec.readEvent(records.get(end).value()));
				end++;
			}
			catch (InvalidInputException ex) {
				invalid = ex;
			}
		}
		try {
			if (!events.isEmpty()) {
				this.service.accept(events);
			}
		}
		catch (EventsFailedException ex) {
			return failed(poll, from + ex.firstUnhandled(), ex.getCause(), retries);
		}
		catch (RuntimeException ex) {
			return failed(poll, from, ex, retries);
		}
		if (invalid == null) {
			return end;
		}
		this.deadLetters.publish(poll, records.get(end), invalid);
		return end + 1;
	}

	private int failed(InFlightPoll poll, int index, Throwable cause, Retries retries) {
		ConsumerRecord<String, byte[]> record = poll.records().get(index);
		long wait = retries.next(index);
		if (wait == BackOffExecution.STOP) {
			this.deadLetters.publish(poll, record, cause);
			return index + 1;
		}
		logger.warn(
				"Event " + DeadLetters.format(record) + " not handled, again in " + wait + "ms: " + cause.getMessage());
		poll.pause(wait);
		return index;
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
