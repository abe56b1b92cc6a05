package io.tagrelay.ingest;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.tagrelay.testing.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * What the ingest enqueued during a test: the events topic of the test context's embedded
 * broker, read from its end at the start of each test. Registered with
 * {@code @RegisterExtension}.
 */
public final class EnqueuedEvents implements BeforeEachCallback, AfterEachCallback {

	private TopicReader reader;

	@Override
	public void beforeEach(ExtensionContext context) {
		// the context's own broker: spring.kafka.bootstrap-servers is a system property
		// that
		// the broker started last sets, another context's when several are cached
		String bootstrapServers = SpringExtension.getApplicationContext(context)
			.getBean(EmbeddedKafkaBroker.class)
			.getBrokersAsString();
		this.reader = TopicReader.fromEnd(bootstrapServers, "tagrelay.events");
	}

	/**
	 * Waits until an enqueued record matches.
	 * @param match the record wanted
	 * @param timeout how long to wait
	 * @return every record enqueued in this test up to and including the first match
	 */
	public List<ConsumerRecord<String, byte[]>> until(Predicate<ConsumerRecord<String, byte[]>> match,
			Duration timeout) {
		return this.reader.until(match, timeout);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.reader.close();
	}

}
