package io.tagrelay.worker.config;

import java.net.URI;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.target.UpdatekateSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * updatekate's variables ({@code UK_REPO}, {@code UK_DEPLOYMENT}, {@code UK_NAMESPACE},
 * {@code UK_WEBHOOK}, {@code UK_INFO}) bound as {@code uk.*}: a mirror of
 * {@link UpdatekateSettings}, which lives in the Spring-free model and so cannot carry
 * the binding annotation.
 *
 * @param repo {@code UK_REPO}
 * @param deployment {@code UK_DEPLOYMENT}
 * @param namespace {@code UK_NAMESPACE}
 * @param webhook {@code UK_WEBHOOK}
 * @param info {@code UK_INFO} (read by the ingest only)
 */
@ConfigurationProperties("uk")
record UpdatekateProperties(String repo, String deployment, String namespace, URI webhook, Boolean info) {

	UpdatekateProperties {
		try {
			new UpdatekateSettings(repo, deployment, namespace, webhook, info).target();
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException("invalid updatekate target (uk.repo, uk.deployment, uk.namespace, "
					+ "i.e. UK_REPO, UK_DEPLOYMENT, UK_NAMESPACE): " + ex.getMessage());
		}
	}

	UpdatekateSettings settings() {
		return new UpdatekateSettings(this.repo, this.deployment, this.namespace, this.webhook, this.info);
	}

}
