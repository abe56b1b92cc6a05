package io.tagrelay.support.targets;

import java.net.URI;
import java.util.Optional;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.UpdatekateSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * updatekate's variables ({@code UK_REPO}, {@code UK_DEPLOYMENT}, {@code UK_NAMESPACE},
 * {@code UK_WEBHOOK}, {@code UK_INFO}), bound as {@code uk.*}. It holds the
 * {@link UpdatekateSettings} of the Spring-free model, which defines the target.
 *
 * @param repo {@code UK_REPO}
 * @param deployment {@code UK_DEPLOYMENT}
 * @param namespace {@code UK_NAMESPACE}, {@code default} if not set
 * @param webhook {@code UK_WEBHOOK}
 * @param info {@code UK_INFO}: whether the ingest answers {@code GET /info}
 */
@ConfigurationProperties("uk")
public record UpdatekateProperties(String repo, String deployment, String namespace, URI webhook, boolean info) {

	public UpdatekateProperties {
		try {
			settings(repo, deployment, namespace, webhook, info).target();
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(
					"invalid updatekate target (uk.repo, uk.deployment, uk.namespace, uk.webhook, "
							+ "i.e. UK_REPO, UK_DEPLOYMENT, UK_NAMESPACE, UK_WEBHOOK): " + ex.getMessage());
		}
	}

	/**
	 * The target these variables define.
	 * @return the target, or empty when {@code UK_REPO} and {@code UK_DEPLOYMENT} are not
	 * set
	 */
	public Optional<Target> target() {
		return settings(this.repo, this.deployment, this.namespace, this.webhook, this.info).target();
	}

	private static UpdatekateSettings settings(String repo, String deployment, String namespace, URI webhook,
			boolean info) {
		return new UpdatekateSettings(repo, deployment, namespace, webhook, info);
	}

}
