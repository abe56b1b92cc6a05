package io.tagrelay.model.target;

import java.net.URI;
import java.util.Optional;

import io.tagrelay.model.InvalidInputException;

/**
 * updatekate's environment variables ({@code UK_REPO}, {@code UK_DEPLOYMENT},
 * {@code UK_NAMESPACE}, {@code UK_WEBHOOK}, {@code UK_INFO}), which define one target. As
 * in updatekate, the rollout succeeds when one replica of the new spec is available.
 *
 * @param repo the repository, e.g. {@code quay.io/acme/web}
 * @param deployment the Deployment
 * @param namespace the namespace, {@code default} if not set
 * @param webhook where to POST after the update, optional
 * @param info whether {@code GET /info} is on
 */
public record UpdatekateSettings(String repo, String deployment, String namespace, URI webhook, Boolean info) {

	/**
	 * The target these variables define.
	 * @return the target, or empty when neither {@code UK_REPO} nor {@code UK_DEPLOYMENT}
	 * is set
	 * @throws InvalidInputException if only one of them is set
	 */
	public Optional<Target> target() {
		boolean hasRepo = this.repo != null && !this.repo.isBlank();
		boolean hasDeployment = this.deployment != null && !this.deployment.isBlank();
		if (!hasRepo && !hasDeployment) {
			return Optional.empty();
		}
		if (!hasRepo || !hasDeployment) {
			throw new InvalidInputException("UK_REPO and UK_DEPLOYMENT must be set together");
		}
		RolloutPolicy rollout = new RolloutPolicy(RolloutPolicy.Success.AVAILABLE, null, null, null, null, false);
		return Optional.of(new Target(this.repo, this.namespace, this.deployment, null, TagPolicy.defaults(), rollout,
				new WebhookEndpoint(this.webhook), null, false, false, null));
	}

}
