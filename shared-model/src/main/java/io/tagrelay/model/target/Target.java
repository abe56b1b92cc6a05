package io.tagrelay.model.target;

import java.time.Duration;
import java.util.Objects;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.KubernetesNames;
import io.tagrelay.model.image.ImageReference;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/**
 * One configured target ({@code tagrelay.targets[n]}): pushes to {@code repository}
 * update {@code container} (or every container whose image is from the repository) of
 * Deployment {@code deployment} in {@code namespace}.
 *
 * @param repository the repository followed, e.g. {@code quay.io/acme/web}
 * @param namespace the namespace, {@code default} if not set
 * @param deployment the Deployment
 * @param container the container, or {@code null} for every container from the repository
 * @param tagPolicy which tags may be applied
 * @param rollout how to wait for the rollout
 * @param webhook where to report the outcome
 * @param registry how a tag is checked against the registry before it is applied
 * @param pinDigest whether the Deployment gets {@code repository:tag@digest}, with the
 * digest the registry answered for the tag, instead of {@code repository:tag}; implied by
 * {@code trackDigest}
 * @param trackDigest whether a push or scan that shows the running tag pointing to
 * another digest moves the Deployment to that digest (for a mutable tag such as
 * {@code latest} or {@code 1.2}); the Deployment's image is then always pinned
 * @param scanInterval how often the worker lists the repository's tags and handles them
 * as a push from source {@code scan}, or {@code null} (the default) for no scan
 */
public record Target(@NotBlank String repository, String namespace, @NotBlank String deployment, String container,
		@Valid TagPolicy tagPolicy, @Valid RolloutPolicy rollout, @Valid WebhookEndpoint webhook,
		@Valid RegistryPolicy registry, boolean pinDigest, boolean trackDigest, Duration scanInterval) {

	/** The shortest scan interval: a registry is not asked for its tags more often. */
	public static final Duration MIN_SCAN_INTERVAL = Duration.ofSeconds(1);

	/** The namespace when none is configured, as in updatekate. */
	public static final String DEFAULT_NAMESPACE = "default";

	public Target {
		if (repository != null && !repository.isBlank()) {
			repository = ImageReference.parseRepository(repository.trim()).repository();
		}
		namespace = (namespace == null || namespace.isBlank()) ? DEFAULT_NAMESPACE : namespace;
		KubernetesNames.requireNamespace(namespace);
		if (deployment != null && !deployment.isBlank()) {
			KubernetesNames.requireDeployment(deployment);
		}
		if (container != null && container.isBlank()) {
			container = null;
		}
		if (container != null) {
			KubernetesNames.requireContainer(container);
		}
		tagPolicy = Objects.requireNonNullElseGet(tagPolicy, TagPolicy::defaults);
		rollout = Objects.requireNonNullElseGet(rollout, RolloutPolicy::defaults);
		webhook = Objects.requireNonNullElseGet(webhook, WebhookEndpoint::none);
		registry = Objects.requireNonNullElseGet(registry, RegistryPolicy::defaults);
		if ((pinDigest || trackDigest) && registry.verify() == RegistryPolicy.Verification.OFF) {
			throw new InvalidInputException((trackDigest ? "track-digest" : "pin-digest")
					+ " needs the registry's digest: registry.verify must be required or best-effort, not off");
		}
		pinDigest = pinDigest || trackDigest;
		if (scanInterval != null && (scanInterval.isZero() || scanInterval.isNegative())) {
			scanInterval = null;
		}
		if (scanInterval != null && scanInterval.compareTo(MIN_SCAN_INTERVAL) < 0) {
			throw new InvalidInputException("scan-interval must be at least " + MIN_SCAN_INTERVAL.toSeconds()
					+ "s (or 0 for no scan), not " + scanInterval);
		}
	}

	/**
	 * A target with the default policies.
	 * @param repository the repository followed
	 * @param namespace the namespace, {@code default} if {@code null}
	 * @param deployment the Deployment
	 * @param container the container, or {@code null} for every container from the
	 * repository
	 * @return the target
	 */
	public static Target of(String repository, String namespace, String deployment, String container) {
		return new Target(repository, namespace, deployment, container, null, null, null, null, false, false, null);
	}

	/**
	 * Whether the worker scans the repository's tags for this target.
	 * @return true if a scan interval is set
	 */
	public boolean scans() {
		return this.scanInterval != null;
	}

	/**
	 * The repository as a parsed reference.
	 * @return the repository
	 */
	public ImageReference repositoryReference() {
		return ImageReference.parseRepository(this.repository);
	}

	/**
	 * Whether this target manages the named container of the named Deployment.
	 * @param otherNamespace a namespace
	 * @param otherDeployment a Deployment
	 * @param otherContainer a container
	 * @return true if namespace and Deployment match and the container is the named one
	 * (or none is named)
	 */
	public boolean covers(String otherNamespace, String otherDeployment, String otherContainer) {
		return this.namespace.equals(otherNamespace) && this.deployment.equals(otherDeployment)
				&& (this.container == null || this.container.equals(otherContainer));
	}

	/**
	 * Checks an image requested for this target.
	 * @param image the requested image
	 * @return the parsed image
	 * @throws InvalidInputException if it is not a reference to this target's repository
	 * with a tag or digest
	 */
	public ImageReference requireOwnImage(String image) {
		ImageReference reference = ImageReference.parse(image);
		if (!reference.isFrom(repositoryReference())) {
			throw new InvalidInputException(
					"image '" + reference + "' is not from this target's repository " + this.repository);
		}
		if (reference.tag() == null && reference.digest() == null) {
			throw new InvalidInputException("image '" + reference + "' names neither a tag nor a digest");
		}
		return reference;
	}

}
