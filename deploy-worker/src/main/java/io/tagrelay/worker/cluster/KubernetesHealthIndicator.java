package io.tagrelay.worker.cluster;

import java.time.Duration;
import java.util.Objects;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The API server answers: a cheap {@code GET /version}, cached briefly so probes do not
 * hammer it. Part of readiness, not of liveness (a restart would not bring it back).
 */
@Component("kubernetes")
class KubernetesHealthIndicator implements HealthIndicator {

	private static final Duration CACHE = Duration.ofSeconds(5);

	private final KubernetesClient client;

	private Health last;

	private long lastAt;

	KubernetesHealthIndicator(KubernetesClient client) {
		this.client = client;
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
			VersionInfo version = this.client.getKubernetesVersion();
			String gitVersion = (version != null) ? version.getGitVersion() : null;
			return Health.up().withDetail("version", Objects.toString(gitVersion, "unknown")).build();
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

}
