package io.tagrelay.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * A producer that sends only to topics {@link KafkaTopics} has checked. A send to another
 * topic fails at once with a {@link TopicNotCheckedException}, as the producer reports a
 * failed send (through the callback and the returned future), before the producer asks
 * for the topic's metadata: kafka-clients' producers always allow a broker to auto-create
 * the topic of a metadata request, with the broker's defaults.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
class CheckedTopicsProducer<K, V> implements Producer<K, V> {

	private final Producer<K, V> delegate;

	private final KafkaTopics topics;

	CheckedTopicsProducer(Producer<K, V> delegate, KafkaTopics topics) {
		this.delegate = delegate;
		this.topics = topics;
	}

	@Override
	public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
		return send(record, null);
	}

	@Override
	public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
		if (!this.topics.isChecked(record.topic())) {
			this.topics.checkSoon();
			TopicNotCheckedException refused = new TopicNotCheckedException(record.topic());
			if (callback != null) {
				callback.onCompletion(null, refused);
			}
			return CompletableFuture.failedFuture(refused);
		}
		return this.delegate.send(record, callback);
	}

	@Override
	public List<PartitionInfo> partitionsFor(String topic) {
		if (!this.topics.isChecked(topic)) {
			this.topics.checkSoon();
			throw new TopicNotCheckedException(topic);
		}
		return this.delegate.partitionsFor(topic);
	}

	@Override
	public void initTransactions() {
		this.delegate.initTransactions();
	}

	@Override
	public void beginTransaction() {
		this.delegate.beginTransaction();
	}

	@Override
	public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
			ConsumerGroupMetadata groupMetadata) {
		this.delegate.sendOffsetsToTransaction(offsets, groupMetadata);
	}

	@Override
	public void commitTransaction() {
		this.delegate.commitTransaction();
	}

	@Override
	public void abortTransaction() {
		this.delegate.abortTransaction();
	}

	@Override
	public void registerMetricForSubscription(KafkaMetric metric) {
		this.delegate.registerMetricForSubscription(metric);
	}

	@Override
	public void unregisterMetricFromSubscription(KafkaMetric metric) {
		this.delegate.unregisterMetricFromSubscription(metric);
	}

	@Override
	public void flush() {
		this.delegate.flush();
	}

	@Override
	public Map<MetricName, ? extends Metric> metrics() {
		return this.delegate.metrics();
	}

	@Override
	public Uuid clientInstanceId(Duration timeout) {
		return this.delegate.clientInstanceId(timeout);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public void close(Duration timeout) {
		this.delegate.close(timeout);
	}

}
