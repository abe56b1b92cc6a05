package io.tagrelay.testing.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.tagrelay.testing.kafka.TopicReader.Read;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records a {@link TopicReader} read, by a key: a future per key, completed with the
 * first record read with that key.
 *
 * @param <K> the key type
 */
public final class Index<K> {

	private final Function<ConsumerRecord<String, byte[]>, K> key;

	private final Map<K, CompletableFuture<Read>> first = new ConcurrentHashMap<>();

	Index(Function<ConsumerRecord<String, byte[]>, K> key) {
		this.key = key;
	}

	/**
	 * The first record with a key.
	 * @param key the key
	 * @return completed when it is read (at once if it was)
	 */
	public CompletableFuture<Read> first(K key) {
		return this.first.computeIfAbsent(key, (k) -> new CompletableFuture<>());
	}

	void add(Read read) {
		K key;
		try {
			key = this.key.apply(read.record());
		}
		catch (RuntimeException ex) {
			// a record the key cannot be read from has no key: no one awaits it
			return;
		}
		first(key).complete(read);
	}

}
