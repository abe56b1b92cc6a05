package io.tagrelay.model.target;

/**
 * Which pushed tags a target accepts ({@code tagrelay.targets[n].tag-policy}).
 *
 * @param range an npm-style semver range the tag must satisfy, {@code *} by default
 * @param includePrereleases whether pre-release tags count even when the running tag is
 * not a pre-release of the same version
 */
public record TagPolicy(String range, boolean includePrereleases) {

	/** The range that accepts every version. */
	public static final String ANY = "*";

	public TagPolicy {
		range = (range == null || range.isBlank()) ? ANY : range.trim();
	}

	/**
	 * The policy when none is configured: any release version.
	 * @return the default policy
	 */
	public static TagPolicy defaults() {
		return new TagPolicy(ANY, false);
	}

}
