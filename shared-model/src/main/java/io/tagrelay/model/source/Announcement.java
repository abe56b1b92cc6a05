package io.tagrelay.model.source;

import java.util.List;
import java.util.Objects;

/**
 * What a registry's notification announces: tags pushed, or nothing to deploy (a pull, a
 * blob, a digest-only push, a test ping), which the ingest answers 2xx with the reason,
 * since registries disable a webhook that fails a few times.
 */
public sealed interface Announcement {

	/**
	 * Tags pushed, at most one entry per repository.
	 *
	 * @param pushes the pushes, at least one
	 */
	record Pushes(List<Pushed> pushes) implements Announcement {

		public Pushes {
			pushes = List.copyOf(pushes);
			if (pushes.isEmpty()) {
				throw new IllegalArgumentException("no push");
			}
		}

	}

	/**
	 * Nothing to deploy.
	 *
	 * @param reason why, in the user's terms, e.g. {@code "pull events are not pushes"}
	 */
	record Nothing(String reason) implements Announcement {

		public Nothing {
			Objects.requireNonNull(reason, "reason");
		}

	}

}
