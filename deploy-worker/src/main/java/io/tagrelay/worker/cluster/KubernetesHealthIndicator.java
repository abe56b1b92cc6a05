package io.tagrelay.worker.cluster;

import java.util.Objects;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.tagrelay.support.health.CachedHealthIndicator;

import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The API server answers: a cheap {@code GET /version}. Part of readiness, not of
 * liveness (a restart would not bring it back).
 */
@Component("kubernetes")
class KubernetesHealthIndicator extends CachedHealthIndicator {

	private final KubernetesClient client;

	KubernetesHealthIndicator(KubernetesClient client) {
		this.client = client;
	}

	@Override
	protected Health check() {
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
