package io.tagrelay.worker.select;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.TagPolicy;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * Picks the tag a registry push should move a container to: the greatest pushed tag that
 * is a semantic version (a leading {@code v} allowed), greater than the running one and
 * inside the target's policy. Tags that are not versions ({@code latest},
 * {@code sha-abc123}) are ignored, never coerced, and nothing is ever downgraded.
 * <p>
 * A pre-release counts only if the policy includes pre-releases, or if the running tag is
 * itself a pre-release of the same {@code major.minor.patch} (so
 * {@code 0.0.2-SNAPSHOT → 0.0.2-SNAPSHOT.2}, as updatekate does). A running image pinned
 * by digest is compared on its tag (the digest is dropped on update); one whose tag is
 * missing or not a version is left alone.
 */
public final class TagSelector {

	/**
	 * npm's {@code Number.MAX_SAFE_INTEGER}: the largest numeric identifier it compares
	 * as a number.
	 */
	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

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
		List<Candidate> newer = versions.stream().filter((c) -> c.version().isGreaterThan(current)).toList();
		if (newer.isEmpty()) {
			return Selection.skip("no pushed tag is newer than the running " + running.tag());
		}
		if (refused != null && newer.stream().allMatch((c) -> c.tag().equals(refused))) {
			return Selection.skip("tag " + refused + " failed to roll out here and was rolled back; only a newer tag"
					+ " is applied");
		}
		newer = newer.stream().filter((c) -> !c.tag().equals(refused)).toList();
		RangeList range = RangeListFactory.create(policy.range(), true);
		return newer.stream()
			.filter((c) -> prereleaseAllowed(c.version(), current, policy))
			.filter((c) -> range.isSatisfiedBy(c.version()))
			.max(Comparator.comparing(Candidate::version))
			.map((c) -> Selection.of(c.tag()))
			.orElseGet(() -> Selection.skip("no newer tag satisfies the tag policy (range '" + policy.range() + "'"
					+ (policy.includePrereleases() ? "" : ", pre-releases excluded") + ")"));
	}

	private static boolean prereleaseAllowed(Semver candidate, Semver current, TagPolicy policy) {
		if (isRelease(candidate) || policy.includePrereleases()) {
			return true;
		}
		return !isRelease(current) && sameRelease(candidate, current);
	}

	// not Semver.isStable(), which also calls every 0.x version unstable
	private static boolean isRelease(Semver version) {
		return version.getPreRelease().isEmpty();
	}

	private static boolean sameRelease(Semver a, Semver b) {
		return a.getMajor() == b.getMajor() && a.getMinor() == b.getMinor() && a.getPatch() == b.getPatch();
	}

	/**
	 * The version a tag names, or {@code null} if it is not one tagrelay can compare: not
	 * semver, or with a number beyond {@link #MAX_SAFE_INTEGER} in a pre-release
	 * identifier (npm's semver compares a larger one as text; semver4j reads the digits
	 * of an identifier as a {@code long} and throws when they do not fit), so such a tag
	 * is ignored like {@code latest}.
	 */
	private static Semver comparable(String tag) {
		Semver version = Semver.parse(tag);
		if (version == null || version.getPreRelease().stream().anyMatch(TagSelector::isUnsafeNumber)) {
			return null;
		}
		return version;
	}

	private static boolean isUnsafeNumber(String identifier) {
		Matcher digits = DIGITS.matcher(identifier);
		while (digits.find()) {
			if (new BigInteger(digits.group()).compareTo(MAX_SAFE_INTEGER) > 0) {
				return true;
			}
		}
		return false;
	}

	private record Candidate(String tag, Semver version) {

		static Optional<Candidate> of(String tag) {
			return Optional.ofNullable(comparable(Objects.requireNonNull(tag)))
				.map((version) -> new Candidate(tag, version));
		}

	}

}
