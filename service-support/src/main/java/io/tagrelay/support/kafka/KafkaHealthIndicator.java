package io.tagrelay.support.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tagrelay.support.health.CachedHealthIndicator;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Kafka is reachable: {@code describeCluster} answers within a short timeout, and the
 * service's topics have been checked ({@link KafkaTopics}: until then nothing is sent to
 * them). Part of the readiness group of both services (an ingest that cannot enqueue
 * should get no traffic), not of liveness (a restart would not bring Kafka back).
 */
public class KafkaHealthIndicator extends CachedHealthIndicator implements DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final KafkaAdmin kafkaAdmin;

	private final KafkaTopics topics;

	private final String clientId;

	// guards the client's creation and closing, not its calls: closing never waits for a
	// check
	private final Object clientLock = new Object();

	private AdminClient client;

	private boolean destroyed;

	/**
	 * Creates the indicator.
	 * @param kafkaAdmin whose configuration the probe's admin client takes
	 * @param topics the service's topics, null if it has none
	 * @param clientId the probe's Kafka client id
	 */
	public KafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaTopics topics, String clientId) {
		this.kafkaAdmin = kafkaAdmin;
		this.topics = topics;
		this.clientId = clientId;
	}

	@Override
	protected Health check() {
		try {
			String clusterId = client()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
				.clusterId()
				.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
			Set<String> unchecked = (this.topics != null) ? this.topics.unchecked() : Set.of();
			if (!unchecked.isEmpty()) {
				return Health.down()
					.withDetail("clusterId", clusterId)
					.withDetail("uncheckedTopics", unchecked)
					.build();
			}
			return Health.up().withDetail("clusterId", clusterId).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (Exception ex) {
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

	private AdminClient client() {
		synchronized (this.clientLock) {
			if (this.destroyed) {
				// a probe during shutdown: no new client, whose threads nothing would
				// stop
				throw new IllegalStateException("stopped");
			}
			if (this.client == null) {
				Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
				config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
				config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
				config.put(AdminClientConfig.CLIENT_ID_CONFIG, this.clientId);
				this.client = AdminClient.create(config);
			}
			return this.client;
		}
	}

	@Override
	public void destroy() {
		AdminClient created;
		synchronized (this.clientLock) {
			this.destroyed = true;
			created = this.client;
		}
		if (created != null) {
			// a check in flight fails at once
			created.close(Duration.ofSeconds(1));
		}
	}

}
