package io.tagrelay.support.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tagrelay.model.InvalidInputException;
import org.semver4j.Semver;
import org.semver4j.processor.Processors;
import org.semver4j.range.Range;
import org.semver4j.range.Range.RangeOperator;
import org.semver4j.range.RangeListFactory;

/**
 * A target's {@code tag-policy.range}, read as npm's semver reads a range: sets joined by
 * {@code ||}, each a hyphen range or comparators separated by spaces, every comparator
 * plain, caret, tilde or x-range. semver4j translates one comparator at a time; the range
 * is split into them here first, because semver4j translates a set as a whole and reads
 * {@code ^1.2 ^1}, {@code ~1.2.1 >=1.2.3}, {@code 1.0.0 - x} and the x-ranges {@code x},
 * {@code ^x}, {@code >=*}, {@code ||} differently from npm. Versions are compared in
 * npm's {@link VersionOrder}.
 * <p>
 * A pre-release satisfies the range only if pre-releases are included, or if a comparator
 * of the matching set names a pre-release of the same {@code major.minor.patch} (npm's
 * rule: {@code ^1.2.3-alpha} admits {@code 1.2.3-beta}, never {@code 1.3.0-beta}).
 */
public final class TagRange {

	private static final Pattern OPERATOR_SPACE = Pattern.compile("(^|\\s)(~>?|\\^|[<>]=?|=)\\s+");

	private static final Pattern HYPHEN = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)");

	private static final String X = "[xX*]";

	private static final Pattern ANY_VERSION = Pattern.compile("(~>?|\\^|[<>]?=?)v?" + X + "(\\.[0-9xX*]+)*");

	private static final Pattern PARTIAL = Pattern.compile("v?=?(?<major>\\d+|" + X + ")(?:\\.(?<minor>\\d+|" + X
			+ ")(?:\\.(?<patch>\\d+|" + X + ")(?:-(?<pre>[0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?)?)?");

	private static final Range NOTHING = new Range(new Semver("0.0.0-0"), RangeOperator.LT);

	private final String text;

	private final boolean includePrereleases;

	private final List<List<Range>> sets;

	private TagRange(String text, boolean includePrereleases, List<List<Range>> sets) {
		this.text = text;
		this.includePrereleases = includePrereleases;
		this.sets = sets;
	}

	/**
	 * Reads a range.
	 * @param range the range text; blank means any version
	 * @param includePrereleases whether every pre-release inside the bounds counts (npm's
	 * {@code includePrerelease})
	 * @return the range
	 * @throws InvalidInputException if it is not an npm-style semver range
	 */
	public static TagRange parse(String range, boolean includePrereleases) {
		List<List<Range>> sets = new ArrayList<>();
		for (String set : range.split("\\|\\|", -1)) {
			sets.add(comparators(set, includePrereleases, range));
		}
		return new TagRange(range, includePrereleases, List.copyOf(sets));
	}

	private static List<Range> comparators(String set, boolean includePrereleases, String range) {
		String joined = OPERATOR_SPACE.matcher(set.trim()).replaceAll("$1$2");
		Matcher hyphen = HYPHEN.matcher(joined);
		List<String> texts = hyphen.matches() ? hyphen(hyphen.group(1), hyphen.group(2), includePrereleases, range)
				: List.of(joined.split("\\s+"));
		List<Range> comparators = new ArrayList<>();
		for (String comparator : texts) {
			comparators.addAll(comparator(comparator, includePrereleases, range));
		}
		return List.copyOf(comparators);
	}

	private static List<Range> comparator(String comparator, boolean includePrereleases, String range) {
		Matcher any = ANY_VERSION.matcher(comparator);
		if (comparator.isEmpty() || any.matches()) {
			boolean strict = any.matches() && (any.group(1).equals("<") || any.group(1).equals(">"));
			return strict ? List.of(NOTHING) : List.of();
		}
		List<List<Range>> translated;
		try {
			translated = RangeListFactory
				.create(comparator, includePrereleases, Processors.caret(), Processors.tilde(), Processors.xRange())
				.get();
		}
		catch (RuntimeException ex) {
			translated = List.of();
		}
		if (translated.size() != 1) {
			throw invalid(range, "'" + comparator + "' is not a version comparator");
		}
		return translated.get(0);
	}

	// npm's hyphenReplace: an x-range at either end leaves that end open or rounds it
	private static List<String> hyphen(String from, String to, boolean includePrereleases, String range) {
		Matcher f = partial(from, range);
		Matcher t = partial(to, range);
		String lowest = includePrereleases ? "-0" : "";
		List<String> comparators = new ArrayList<>();
		if (isX(f.group("minor")) && !isX(f.group("major"))) {
			comparators.add(">=" + f.group("major") + ".0.0" + lowest);
		}
		else if (isX(f.group("patch")) && !isX(f.group("major"))) {
			comparators.add(">=" + f.group("major") + "." + f.group("minor") + ".0" + lowest);
		}
		else if (!isX(f.group("major"))) {
			String version = f.group("major") + "." + f.group("minor") + "." + f.group("patch");
			comparators.add(">=" + version + ((f.group("pre") != null) ? "-" + f.group("pre") : lowest));
		}
		if (isX(t.group("major"))) {
			return comparators;
		}
		long major = Long.parseLong(t.group("major"));
		if (isX(t.group("minor"))) {
			comparators.add("<" + (major + 1) + ".0.0-0");
		}
		else if (isX(t.group("patch"))) {
			comparators.add("<" + major + "." + (Long.parseLong(t.group("minor")) + 1) + ".0-0");
		}
		else if (t.group("pre") != null) {
			comparators.add("<=" + major + "." + t.group("minor") + "." + t.group("patch") + "-" + t.group("pre"));
		}
		else if (includePrereleases) {
			comparators.add("<" + major + "." + t.group("minor") + "." + (Long.parseLong(t.group("patch")) + 1) + "-0");
		}
		else {
			comparators.add("<=" + major + "." + t.group("minor") + "." + t.group("patch"));
		}
		return comparators;
	}

	private static Matcher partial(String version, String range) {
		Matcher partial = PARTIAL.matcher(version);
		if (!partial.matches()) {
			throw invalid(range, "'" + version + "' is not a version of a hyphen range");
		}
		return partial;
	}

	private static boolean isX(String part) {
		return part == null || part.matches(X);
	}

	private static InvalidInputException invalid(String range, String why) {
		return new InvalidInputException("'" + range + "' is not an npm-style semver range: " + why);
	}

	/**
	 * Whether a version satisfies the range.
	 * @param version a version
	 * @return true if some set of the range admits it
	 */
	public boolean includes(Semver version) {
		return this.sets.stream().anyMatch((set) -> admits(set, version));
	}

	private boolean admits(List<Range> set, Semver version) {
		if (!set.stream().allMatch((comparator) -> satisfies(comparator, version))) {
			return false;
		}
		if (version.getPreRelease().isEmpty() || this.includePrereleases) {
			return true;
		}
		return set.stream()
			.map(Range::getRangeVersion)
			.anyMatch((bound) -> !bound.getPreRelease().isEmpty() && bound.getMajor() == version.getMajor()
					&& bound.getMinor() == version.getMinor() && bound.getPatch() == version.getPatch());
	}

	private static boolean satisfies(Range comparator, Semver version) {
		int order = VersionOrder.compare(version, comparator.getRangeVersion());
		return switch (operator(comparator)) {
			case EQ -> order == 0;
			case LT -> order < 0;
			case LTE -> order <= 0;
			case GT -> order > 0;
			case GTE -> order >= 0;
		};
	}

	// semver4j's Range has no getter for its operator; its text is the operator followed
	// by the version, which starts with a digit
	private static RangeOperator operator(Range comparator) {
		String text = comparator.toString();
		int version = 0;
		while (!Character.isDigit(text.charAt(version))) {
			version++;
		}
		return RangeOperator.value(text.substring(0, version));
	}

	@Override
	public String toString() {
		return this.text;
	}

}
