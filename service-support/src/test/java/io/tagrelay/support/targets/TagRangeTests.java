package io.tagrelay.support.targets;

import io.tagrelay.model.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TagRangeTests {

	@Test
	void readsXRangesAsAnyVersion() {
		for (String any : new String[] { "", "*", "x", "^x", "~x", ">=*", "||", "1.2.x ||" }) {
			assertThat(includes(any, "3.4.5")).as(any).isTrue();
		}
		assertThat(includes(">x", "3.4.5")).isFalse();
	}

	@Test
	void readsEachComparatorOfASet() {
		assertThat(includes("^1.2 ^1", "1.4.2")).isTrue();
		assertThat(includes("~1.2.1 >=1.2.3", "1.2.5")).isTrue();
		assertThat(includes("~1.2.1 >=1.2.3", "1.3.0")).isFalse();
		assertThat(includes(">= 1.0.0 < 2", "1.9.0")).isTrue();
	}

	@Test
	void leavesTheXEndOfAHyphenRangeOpen() {
		assertThat(includes("1.0.0 - x", "9.0.0")).isTrue();
		assertThat(includes("1.0.0 - x", "0.9.0")).isFalse();
		assertThat(includes("x - 1.x", "1.9.9")).isTrue();
		assertThat(includes("x - 1.x", "2.0.0")).isFalse();
	}

	@Test
	void admitsAPrereleaseOnlyOfAVersionTheRangeNames() {
		assertThat(includes("^1.2.3-alpha", "1.2.3-beta")).isTrue();
		assertThat(includes("^1.2.3-alpha", "1.3.0-beta")).isFalse();
		assertThat(TagRange.parse("^1.2.3-alpha", true).includes(Semver.parse("1.3.0-beta"))).isTrue();
	}

	@Test
	void refusesWhatIsNotAnNpmRangeSayingWhichPart() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> TagRange.parse(">=1.0.0 newest", false))
			.withMessageContaining("'newest' is not a version comparator");
		for (String foreign : new String[] { "latest", "[1.0,2.0)", "1.2.3.4", "1.0.0 - later" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(foreign)
				.isThrownBy(() -> TagRange.parse(foreign, false));
		}
	}

	private static boolean includes(String range, String version) {
		return TagRange.parse(range, false).includes(Semver.parse(version));
	}

}
