package io.tagrelay.worker.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Kafka is reachable: {@code describeCluster} answers within a short timeout. Part of the
 * readiness group, not of liveness (restarting the worker would not bring Kafka back).
 * The result is cached briefly so probes do not hammer the brokers.
 */
@Component("kafka")
class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Duration CACHE = Duration.ofSeconds(5);

	private final KafkaAdmin kafkaAdmin;

	private AdminClient client;

	private Health last;

	private long lastAt;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		this.kafkaAdmin = kafkaAdmin;
	}

	@Override
	public synchronized Health health() {
		if (this.last == null || System.nanoTime() - this.lastAt > CACHE.toNanos()) {
			this.last = check();
			this.lastAt = System.nanoTime();
		}
		return this.last;
	}

	private Health check() {
		try {
			String clusterId = client()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
				.clusterId()
				.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
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
		if (this.client == null) {
			Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
			config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
			config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tagrelay-worker-health");
			this.client = AdminClient.create(config);
		}
		return this.client;
	}

	@Override
	public synchronized void destroy() {
		if (this.client != null) {
			this.client.close(Duration.ofSeconds(1));
		}
	}

}
