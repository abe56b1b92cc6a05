package io.tagrelay.ingest.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.events.EventIndex;
import io.tagrelay.ingest.events.OwnEvents;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.support.kafka.TopicsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Enqueues deploy events on the events topic, keyed by repository, and reports success
 * only once Kafka acknowledged the write (acks=all), within
 * {@code tagrelay.ingest.enqueue-timeout}; otherwise the future fails with a 503 problem.
 * An acknowledged event is remembered in the {@link EventIndex} before the caller is
 * answered, so that its first poll already finds it.
 */
@Component
public class EventPublisher {

	private static final Log logger = LogFactory.getLog(EventPublisher.class);

	private final KafkaTemplate<String, byte[]> template;

	private final EventCodec codec = new EventCodec();

	private final String topic;

	private final Duration timeout;

	private final Timer acknowledged;

	private final Timer failed;

	private final EventIndex events;

	private final OwnEvents own;

	EventPublisher(KafkaTemplate<String, byte[]> template, TopicsProperties topics, IngestProperties properties,
			MeterRegistry meters, EventIndex events, OwnEvents own) {
		this.template = template;
		this.topic = topics.topics().events();
		this.timeout = properties.enqueueTimeout();
		this.acknowledged = enqueueTimer(meters, "acknowledged");
		this.failed = enqueueTimer(meters, "failed");
		this.events = events;
		this.own = own;
	}

	/**
	 * Enqueues an event.
	 * @param event the event
	 * @return the event id once Kafka acknowledged it; fails with a 503 problem if it did
	 * not in time
	 */
	public CompletableFuture<String> publish(DeployEvent event) {
		long start = System.nanoTime();
		CompletableFuture<?> sent;
		try {
			// may block up to max.block.ms (= the enqueue timeout) while metadata is
			// missing
			sent = this.template.send(this.own.record(this.topic, event.repository(), this.codec.write(event)));
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		long remaining = Math.max(1, this.timeout.toNanos() - (System.nanoTime() - start));
		return sent.orTimeout(remaining, TimeUnit.NANOSECONDS).handle((result, failure) -> {
			record(start, failure == null);
			if (failure != null) {
				logger.warn("Event " + event.eventId() + " not acknowledged by Kafka: " + failure);
				throw Problems.unavailable("Kafka did not acknowledge the event within " + this.timeout.toMillis()
						+ "ms; nothing was accepted, retry later", this.timeout);
			}
			this.events.accepted(event);
			logger.info("Enqueued " + event.getClass().getSimpleName() + " " + event.eventId() + " for "
					+ event.repository() + " by client " + event.client());
			return event.eventId();
		});
	}

	/**
	 * How long a publish waits for Kafka's acknowledgement.
	 * @return {@code tagrelay.ingest.enqueue-timeout}
	 */
	public Duration enqueueTimeout() {
		return this.timeout;
	}

	private void record(long start, boolean acknowledged) {
		(acknowledged ? this.acknowledged : this.failed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
	}

	private static Timer enqueueTimer(MeterRegistry meters, String outcome) {
		return Timer.builder("tagrelay.ingest.enqueue")
			.description("Time until Kafka acknowledged (or failed to acknowledge) an event")
			.tag("outcome", outcome)
			.register(meters);
	}

}
