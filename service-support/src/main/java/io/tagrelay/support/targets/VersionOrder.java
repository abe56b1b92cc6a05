package io.tagrelay.support.targets;

import java.util.Comparator;
import java.util.List;

import org.semver4j.Semver;

/**
 * The order of versions as npm's semver sorts them (semver.org's precedence rules):
 * numbers compare numerically, a pre-release is lower than its release, and pre-release
 * identifiers compare one by one: digits-only ones numerically and lower than the others,
 * which compare as ASCII text ({@code 1.2.3-r2 > 1.2.3-r100}). semver4j parses the
 * versions; its own order compares the digits inside {@code r2} and {@code r100} as
 * numbers, which npm does not. Build metadata never counts.
 */
public final class VersionOrder {

	/** The order as a comparator. */
	public static final Comparator<Semver> NPM = VersionOrder::compare;

	private VersionOrder() {
	}

	/**
	 * Compares two versions.
	 * @param a a version
	 * @param b another version
	 * @return negative, zero or positive as {@code a} is lower than, equal to or greater
	 * than {@code b}
	 */
	public static int compare(Semver a, Semver b) {
		int release = Comparator.comparingLong(Semver::getMajor)
			.thenComparingLong(Semver::getMinor)
			.thenComparingLong(Semver::getPatch)
			.compare(a, b);
		return (release != 0) ? release : comparePreReleases(a.getPreRelease(), b.getPreRelease());
	}

	private static int comparePreReleases(List<String> a, List<String> b) {
		if (a.isEmpty() || b.isEmpty()) {
			// a release is greater than any of its pre-releases
			return Boolean.compare(a.isEmpty(), b.isEmpty());
		}
		for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
			int identifier = compareIdentifiers(a.get(i), b.get(i));
			if (identifier != 0) {
				return identifier;
			}
		}
		return Integer.compare(a.size(), b.size());
	}

	private static int compareIdentifiers(String a, String b) {
		boolean aNumeric = isNumeric(a);
		boolean bNumeric = isNumeric(b);
		if (aNumeric && bNumeric) {
			// semver forbids leading zeros, so the longer number is the greater one
			return (a.length() != b.length()) ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
		}
		if (aNumeric != bNumeric) {
			return aNumeric ? -1 : 1;
		}
		return Integer.signum(a.compareTo(b));
	}

	private static boolean isNumeric(String identifier) {
		return !identifier.isEmpty() && identifier.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

}
