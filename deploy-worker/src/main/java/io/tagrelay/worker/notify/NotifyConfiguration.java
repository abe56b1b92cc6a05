package io.tagrelay.worker.notify;

import java.net.http.HttpClient;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.support.kafka.TopicsProperties;
import io.tagrelay.worker.config.WebhookProperties;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.web.client.RestClient;

/**
 * The webhook listener's container, whose error handler retries a failed delivery with
 * exponential backoff ({@code tagrelay.webhook.*}) and then publishes the outcome to the
 * webhooks dead-letter topic with the reason; and the HTTP client, with timeouts.
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

	static final String FACTORY = "webhooksContainerFactory";

	@Bean(FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> webhooksContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			KafkaTemplate<?, ?> kafka, TopicsProperties topics, WebhookProperties webhook) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		// offsets committed once per poll, not per outcome: after a burst most outcomes
		// are
		// skips with no webhook, and a commit each would make the webhooks lag; a crash
		// delivers at most a poll's webhooks again, with the same webhook-id
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(topics.topics().webhooksDlt(), -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(webhook.maxAttempts() - 1);
		backOff.setInitialInterval(webhook.initialInterval().toMillis());
		backOff.setMultiplier(webhook.multiplier());
		backOff.setMaxInterval(webhook.maxInterval().toMillis());
		DefaultErrorHandler errors = new DefaultErrorHandler(recoverer, backOff);
		errors.addNotRetryableExceptions(WebhookRejectedException.class, InvalidInputException.class);
		factory.setCommonErrorHandler(errors);
		return factory;
	}

	@Bean
	RestClient webhookRestClient(RestClient.Builder builder, WebhookProperties webhook) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(webhook.connectTimeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(webhook.timeout());
		return builder.requestFactory(requests).build();
	}

}
