package io.tagrelay.worker.select;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.TagPolicy;
import io.tagrelay.support.targets.TagRange;
import io.tagrelay.support.targets.VersionOrder;
import org.semver4j.Semver;

import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * Picks the tag a registry push should move a container to: the greatest pushed tag that
 * is a semantic version (a leading {@code v} allowed), greater than the running one and
 * inside the target's policy, all as npm's semver orders versions and reads ranges
 * ({@link VersionOrder}, {@link TagRange}). Tags that are not versions ({@code latest},
 * {@code sha-abc123}) are ignored, never coerced, and nothing is ever downgraded.
 * <p>
 * A pre-release counts if the range admits it (the policy includes pre-releases, or the
 * range names a pre-release of the same {@code major.minor.patch}), or if the running tag
 * is itself a pre-release of the same {@code major.minor.patch} (so
 * {@code 0.0.2-SNAPSHOT → 0.0.2-SNAPSHOT.2}, as updatekate does). A running image pinned
 * by digest is compared on its tag (the digest is dropped on update); one whose tag is
 * missing or not a version is left alone.
 */
public final class TagSelector {

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	/**
	 * The versions of the tags seen, parsed once: every push and scan carries the same
	 * tags again (a scan of a repository all of them, each minute). Soft references, so
	 * the memory is the garbage collector's to take back.
	 */
	private static final Map<String, Optional<Semver>> VERSIONS = new ConcurrentReferenceHashMap<>(256,
			ConcurrentReferenceHashMap.ReferenceType.SOFT);

	private static final Map<String, TagRange> RANGES = new ConcurrentReferenceHashMap<>(16,
			ConcurrentReferenceHashMap.ReferenceType.SOFT);

	/**
	 * npm's {@code Number.MAX_SAFE_INTEGER}: the largest numeric identifier it compares
	 * exactly.
	 */
	private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf((1L << 53) - 1);

	/**
	 * Chooses a tag.
	 * @param running the container's current image
	 * @param pushed the tags the registry announced
	 * @param policy the target's tag policy
	 * @return the tag to apply, or the reason for applying none
	 */
	public Selection select(ImageReference running, List<String> pushed, TagPolicy policy) {
		return select(running, pushed, policy, null);
	}

	/**
	 * Chooses a tag, never the refused one: the tag whose rollout failed here and was
	 * rolled back, which only a newer tag replaces.
	 * @param running the container's current image
	 * @param pushed the tags the registry announced
	 * @param policy the target's tag policy
	 * @param refused the tag not to apply again, or {@code null}
	 * @return the tag to apply, or the reason for applying none
	 */
	public Selection select(ImageReference running, List<String> pushed, TagPolicy policy, String refused) {
		if (running.tag() == null) {
			return Selection.skip("running image is pinned by digest without a tag");
		}
		Semver current = comparable(running.tag());
		if (current == null) {
			return Selection.skip("running tag is not semver");
		}
		List<Candidate> versions = pushed.stream().map(Candidate::of).flatMap(Optional::stream).toList();
		if (versions.isEmpty()) {
			return Selection.skip("no pushed tag is a semantic version");
		}
		List<Candidate> newer = versions.stream()
			.filter((c) -> VersionOrder.compare(c.version(), current) > 0)
			.toList();
		if (newer.isEmpty()) {
			return Selection.skip("no pushed tag is newer than the running " + running.tag());
		}
		if (refused != null && newer.stream().allMatch((c) -> c.tag().equals(refused))) {
			return Selection.skip("tag " + refused + " failed to roll out here and was rolled back; only a newer tag"
					+ " is applied");
		}
		newer = newer.stream().filter((c) -> !c.tag().equals(refused)).toList();
		TagRange range = range(policy.range(), policy.includePrereleases());
		TagRange sameLine = range(policy.range(), true);
		return newer.stream()
			.filter((c) -> range.includes(c.version())
					|| (onRunningLine(c.version(), current) && sameLine.includes(c.version())))
			.max(Comparator.comparing(Candidate::version, VersionOrder.NPM))
			.map((c) -> Selection.of(c.tag()))
			.orElseGet(() -> Selection.skip("no newer tag satisfies the tag policy (range '" + policy.range() + "'"
					+ (policy.includePrereleases() ? "" : ", pre-releases excluded") + ")"));
	}

	// a pre-release of the release the running pre-release leads to
	private static boolean onRunningLine(Semver candidate, Semver current) {
		return !current.getPreRelease().isEmpty() && candidate.getMajor() == current.getMajor()
				&& candidate.getMinor() == current.getMinor() && candidate.getPatch() == current.getPatch();
	}

	/**
	 * The version a tag names, or {@code null} if it is not one tagrelay can compare: not
	 * semver, or with a number beyond {@link #MAX_SAFE_INTEGER} in a pre-release
	 * identifier (npm's semver compares a larger one imprecisely, as a floating-point
	 * number), so such a tag is ignored like {@code latest}.
	 */
	// a target's range, parsed once
	private static TagRange range(String range, boolean includePrereleases) {
		return RANGES.computeIfAbsent(includePrereleases + " " + range,
				(key) -> TagRange.parse(range, includePrereleases));
	}

	/**
	 * The version a tag names, as the tag choice reads it, parsed once per tag.
	 * @param tag a tag
	 * @return its version, or empty if the choice ignores the tag (not semver, or not
	 * comparable as npm compares)
	 */
	public static Optional<Semver> version(String tag) {
		return VERSIONS.computeIfAbsent(tag, (t) -> Optional.ofNullable(parse(t)));
	}

	private static Semver comparable(String tag) {
		return version(tag).orElse(null);
	}

	private static Semver parse(String tag) {
		Semver version = Semver.parse(tag);
		if (version == null || version.getPreRelease().stream().anyMatch(TagSelector::isUnsafeNumber)) {
			return null;
		}
		return version;
	}

	private static boolean isUnsafeNumber(String identifier) {
		return DIGITS.matcher(identifier).matches() && new BigInteger(identifier).compareTo(MAX_SAFE_INTEGER) > 0;
	}

	private record Candidate(String tag, Semver version) {

		static Optional<Candidate> of(String tag) {
			return Optional.ofNullable(comparable(Objects.requireNonNull(tag)))
				.map((version) -> new Candidate(tag, version));
		}

	}

}
