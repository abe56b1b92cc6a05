package io.tagrelay.model.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.Digests;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;

/**
 * Collects the tagged pushes of one notification into at most one {@link Pushed} per
 * repository: tags in the order sent, each once, and the digest only where every tag of
 * the repository was announced with the same one.
 */
final class TaggedPushes {

	private final Map<String, Collected> byRepository = new LinkedHashMap<>();

	private int count;

	/**
	 * Adds a tagged push.
	 * @param repository the repository, host included
	 * @param tag the tag
	 * @param digest the digest announced with it, or null
	 * @return this
	 * @throws InvalidInputException if the repository, tag or digest is invalid, or the
	 * notification names more tags than a push may carry
	 */
	TaggedPushes add(String repository, String tag, String digest) {
		String canonical = ImageReference.parseRepository(repository).repository();
		Tags.require(tag);
		if (digest != null) {
			Digests.require(digest);
		}
		if (++this.count > RegistryPush.MAX_TAGS) {
			throw new InvalidInputException("a notification may name at most " + RegistryPush.MAX_TAGS + " tags");
		}
		this.byRepository.computeIfAbsent(canonical, (key) -> new Collected()).add(tag, digest);
		return this;
	}

	/**
	 * What the collected pushes announce.
	 * @param nothingReason the reason to give if no tagged push was added
	 * @return the pushes, or nothing for that reason
	 */
	Announcement announcement(String nothingReason) {
		if (this.byRepository.isEmpty()) {
			return new Announcement.Nothing(nothingReason);
		}
		List<Pushed> pushes = new ArrayList<>();
		this.byRepository.forEach((repository, collected) -> pushes.add(collected.pushed(repository)));
		return new Announcement.Pushes(pushes);
	}

	private static final class Collected {

		private final Set<String> tags = new LinkedHashSet<>();

		private final Set<String> digests = new LinkedHashSet<>();

		private boolean someWithoutDigest;

		void add(String tag, String digest) {
			this.tags.add(tag);
			if (digest == null) {
				this.someWithoutDigest = true;
			}
			else {
				this.digests.add(digest);
			}
		}

		Pushed pushed(String repository) {
			String digest = (!this.someWithoutDigest && this.digests.size() == 1) ? this.digests.iterator().next()
					: null;
			return new Pushed(repository, List.copyOf(this.tags), digest);
		}

	}

}
