package io.tagrelay.model.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.image.Digests;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;

/**
 * A registry announced that tags were pushed to a repository.
 *
 * @param eventId the event id
 * @param repository the canonical repository, e.g. {@code quay.io/acme/web}
 * @param tags the pushed tags, each valid by the OCI grammar, at least one
 * @param source where it came from, e.g. {@code quay}
 * @param receivedAt when the ingest accepted it
 * @param digest the manifest digest the registry announced with the tags, or null if it
 * sent none
 * @param client the name of the ingest client that sent it ({@code default} for the
 * global tokens, the source's id for a source's own proof), never its token
 * @param deployments the Deployments ({@code namespace/deployment}) it may move, when its
 * client is scoped to some targets; null for every target that follows the repository
 */
public record RegistryPush(String eventId, String repository, List<String> tags, String source, Instant receivedAt,
		String digest, String client, List<String> deployments) implements DeployEvent {

	/** The {@code type} of this event in its JSON form. */
	public static final String TYPE = "registry-push";

	/**
	 * The source, and client, of the pushes the worker's reconciliation scan publishes.
	 */
	public static final String SCAN_SOURCE = "scan";

	/** The most tags one push may carry. */
	public static final int MAX_TAGS = 1000;

	public RegistryPush {
		EventIds.require(eventId);
		repository = ImageReference.parseRepository(repository).repository();
		Objects.requireNonNull(tags, "tags");
		if (tags.isEmpty() || tags.size() > MAX_TAGS) {
			throw new InvalidInputException("a push must name between 1 and " + MAX_TAGS + " tags");
		}
		tags.forEach(Tags::require);
		tags = List.copyOf(tags);
		source = Objects.requireNonNullElse(source, "unknown");
		Objects.requireNonNull(receivedAt, "receivedAt");
		if (digest != null) {
			Digests.require(digest);
		}
		client = DeployEvent.client(client);
		deployments = (deployments == null) ? null : List.copyOf(deployments);
	}

	/**
	 * A push of an unnamed client, that may move every target following the repository.
	 * @param eventId the event id
	 * @param repository the canonical repository
	 * @param tags the pushed tags
	 * @param source where it came from
	 * @param receivedAt when the ingest accepted it
	 * @param digest the announced manifest digest, or null
	 */
	public RegistryPush(String eventId, String repository, List<String> tags, String source, Instant receivedAt,
			String digest) {
		this(eventId, repository, tags, source, receivedAt, digest, null, null);
	}

	/**
	 * Whether the push may move a Deployment.
	 * @param namespace the namespace
	 * @param deployment the Deployment
	 * @return true if no client scope restricts the push, or the scope names it
	 */
	public boolean mayMove(String namespace, String deployment) {
		return this.deployments == null || this.deployments.contains(namespace + "/" + deployment);
	}

	/**
	 * Whether the worker's reconciliation scan published it, rather than a registry or a
	 * client.
	 * @return true for a scan's push
	 */
	public boolean fromScan() {
		return SCAN_SOURCE.equals(this.source) && SCAN_SOURCE.equals(this.client);
	}

	/**
	 * A push announced without a digest.
	 * @param eventId the event id
	 * @param repository the canonical repository
	 * @param tags the pushed tags
	 * @param source where it came from
	 * @param receivedAt when the ingest accepted it
	 */
	public RegistryPush(String eventId, String repository, List<String> tags, String source, Instant receivedAt) {
		this(eventId, repository, tags, source, receivedAt, null);
	}

}
