package io.tagrelay.worker.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.support.targets.VersionOrder;
import io.tagrelay.worker.select.TagSelector;
import org.semver4j.Semver;

/**
 * Turns a repository's tag list into the push a scan publishes: the tags the worker can
 * act on, which are the versions (newest first) and the running tags of the targets that
 * track digests, at most {@link RegistryPush#MAX_TAGS} of them, each version read as the
 * tag choice reads it ({@link TagSelector#version}). Tags that are not versions
 * ({@code latest}, {@code sha-abc123}) are never chosen by a version and are left out
 * unless a target runs them.
 */
final class ScanPushes {

	/** The source of a scan's pushes, and the client named in their outcomes. */
	static final String SOURCE = RegistryPush.SCAN_SOURCE;

	private ScanPushes() {
	}

	/**
	 * The push a scan publishes.
	 * @param repository the repository scanned
	 * @param listed the tags the registry listed
	 * @param tracked the tags running in Deployments whose targets track digests
	 * @param at when the scan ran
	 * @return the push, or empty when no listed tag is one the worker could act on
	 */
	static Optional<RegistryPush> of(ScannedRepository repository, List<String> listed, Collection<String> tracked,
			Instant at) {
		Set<String> present = Set.copyOf(listed);
		Set<String> tags = new LinkedHashSet<>();
		tracked.stream().filter(present::contains).forEach(tags::add);
		listed.stream()
			.map(Version::of)
			.flatMap(Optional::stream)
			.sorted(Comparator.comparing(Version::version, VersionOrder.NPM).reversed())
			.map(Version::tag)
			.forEach(tags::add);
		if (tags.isEmpty()) {
			return Optional.empty();
		}
		List<String> pushed = new ArrayList<>(tags).subList(0, Math.min(tags.size(), RegistryPush.MAX_TAGS));
		return Optional.of(new RegistryPush(EventIds.next(), repository.repository(), List.copyOf(pushed), SOURCE, at,
				null, SOURCE, repository.deployments()));
	}

	/**
	 * A listed tag that is a version.
	 */
	private record Version(String tag, Semver version) {

		static Optional<Version> of(String tag) {
			return TagSelector.version(Objects.requireNonNull(tag)).map((version) -> new Version(tag, version));
		}

	}

}
