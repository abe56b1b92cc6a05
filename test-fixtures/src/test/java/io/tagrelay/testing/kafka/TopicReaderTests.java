package io.tagrelay.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tagrelay.testing.kafka.TopicReader.Read;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class TopicReaderTests {

	static final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, "before", "after", "keyed");

	@BeforeAll
	static void start() {
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stop() {
		broker.destroy();
	}

	@Test
	void readsFromTheEndOnlyWhatIsWrittenAfterItOpened() {
		write("after", "old", "written before");
		try (TopicReader reader = TopicReader.fromEnd(bootstrapServers(), "after")) {
			write("after", "a", "first");
			write("after", "b", "second");

			List<ConsumerRecord<String, byte[]>> read = reader.until((record) -> record.key().equals("b"),
					Duration.ofSeconds(20));

			assertThat(read).extracting(ConsumerRecord::key).containsExactly("a", "b");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> reader.until((record) -> record.key().equals("old"), Duration.ofMillis(200)));
		}
	}

	@Test
	void readsATopicFromItsBeginningInTheBackgroundAndAllOfItAtOnce() {
		write("before", "a", "first");
		write("before", "b", "second");

		try (TopicReader reader = TopicReader.fromBeginning(bootstrapServers(), "before")) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(reader.values("before", TopicReaderTests::text)).contains("first", "second"));
		}
		assertThat(TopicReader.readAll(bootstrapServers(), "before", TopicReaderTests::text)).contains("first",
				"second");
	}

	@Test
	void completesTheFutureOfAKeyWhenItsFirstRecordIsRead() throws Exception {
		try (TopicReader reader = TopicReader.fromEnd(bootstrapServers(), "keyed")) {
			Index<String> byKey = reader.index(ConsumerRecord::key);
			write("keyed", "k1", "one");
			write("keyed", "k1", "again");

			Read first = byKey.first("k1").get(20, TimeUnit.SECONDS);

			assertThat(text(first.record().value())).isEqualTo("one");
			assertThat(first.nanos()).isLessThanOrEqualTo(System.nanoTime());
			assertThat(byKey.first("k2")).isNotDone();
		}
	}

	private static void write(String topic, String key, String value) {
		TopicWriter.send(bootstrapServers(), topic, key, value.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(byte[] value) {
		return new String(value, StandardCharsets.UTF_8);
	}

	private static String bootstrapServers() {
		return broker.getBrokersAsString();
	}

}
