package io.tagrelay.model.source;

import java.util.List;
import java.util.Objects;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.Digests;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;

/**
 * Tags pushed to one repository, as a registry's notification announced them.
 *
 * @param repository the canonical repository, host included, e.g.
 * {@code docker.io/acme/web}
 * @param tags the pushed tags, valid by the OCI grammar, at least one
 * @param digest the manifest digest the registry sent, or null if it sent none
 */
public record Pushed(String repository, List<String> tags, String digest) {

	public Pushed {
		repository = ImageReference.parseRepository(repository).repository();
		Objects.requireNonNull(tags, "tags");
		if (tags.isEmpty() || tags.size() > RegistryPush.MAX_TAGS) {
			throw new InvalidInputException("a push must name between 1 and " + RegistryPush.MAX_TAGS + " tags");
		}
		tags.forEach(Tags::require);
		tags = List.copyOf(tags);
		if (digest != null) {
			Digests.require(digest);
		}
	}

}
