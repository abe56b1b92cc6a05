package io.tagrelay.worker.select;

import java.util.List;

import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.TagPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TagSelectorTests {

	static final String DIGEST = "sha256:" + "a".repeat(64);

	final TagSelector selector = new TagSelector();

	@Test
	void picksTheNewestSemverTagAmongMixedTags() {
		assertThat(select("quay.io/acme/web:1.0.0", "0.9.0", "1.2.0", "latest", "1.1.5", "sha-123456"))
			.isEqualTo(Selection.of("1.2.0"));
	}

	@Test
	void comparesVersionsNumericallyNotAsText() {
		assertThat(select("quay.io/acme/web:0.5.0", "1.0.0", "0.10.0")).isEqualTo(Selection.of("1.0.0"));
		assertThat(select("quay.io/acme/web:1.9.0", "1.10.0")).isEqualTo(Selection.of("1.10.0"));
	}

	@Test
	void ignoresAPrereleaseNumberTooLargeToCompareExactly() {
		// npm's semver compares such a number as a floating-point one
		assertThat(select("quay.io/acme/web:1.0.0-1", "1.0.0-999999999999999999997", "1.0.0-2"))
			.isEqualTo(Selection.of("1.0.0-2"));
		assertThat(select("quay.io/acme/web:1.0.0-999999999999999999997", "1.0.0-2").reason())
			.isEqualTo("running tag is not semver");
		assertThat(select("quay.io/acme/web:1.0.0-1", "1.0.0-9007199254740991").chosen()).isTrue();
	}

	@Test
	void comparesPrereleaseIdentifiersWithLettersAsTextAsNpmDoes() {
		// found by TagSelectorFuzzTests while semver4j compared them: it threw
		// NumberFormatException on the digits of rc99999999999999999999
		assertThat(select("quay.io/acme/web:1.0.0-1", "1.0.0-rc99999999999999999999", "1.0.0-2"))
			.isEqualTo(Selection.of("1.0.0-rc99999999999999999999"));
		assertThat(select("quay.io/acme/web:1.2.3-r100", "1.2.3-r2")).isEqualTo(Selection.of("1.2.3-r2"));
		assertThat(select("quay.io/acme/web:1.2.3-r2", "1.2.3-r100").chosen()).isFalse();
	}

	@Test
	void takesAPrereleaseTheRangeNamesAsNpmDoes() {
		Selection selection = this.selector.select(ImageReference.parse("quay.io/acme/web:1.2.2"),
				List.of("1.2.3-beta", "1.3.0-beta"), new TagPolicy(">=1.2.3-alpha", false));
		assertThat(selection).isEqualTo(Selection.of("1.2.3-beta"));
	}

	@Test
	void readsEveryComparatorOfASet() {
		Selection selection = this.selector.select(ImageReference.parse("quay.io/acme/web:1.2.0"),
				List.of("1.3.0", "1.2.5"), new TagPolicy("~1.2.1 >=1.2.3", false));
		assertThat(selection).isEqualTo(Selection.of("1.2.5"));
	}

	@Test
	void neverAppliesTheTagThatWasRolledBackAgainButANewerOne() {
		ImageReference running = ImageReference.parse("quay.io/acme/web:1.0.0");
		TagPolicy policy = TagPolicy.defaults();

		assertThat(this.selector.select(running, List.of("1.2.0"), policy, "1.2.0").reason())
			.isEqualTo("tag 1.2.0 failed to roll out here and was rolled back; only a newer tag is applied");
		assertThat(this.selector.select(running, List.of("1.1.0", "1.2.0"), policy, "1.2.0"))
			.isEqualTo(Selection.of("1.1.0"));
		assertThat(this.selector.select(running, List.of("1.2.0", "1.2.1"), policy, "1.2.0"))
			.isEqualTo(Selection.of("1.2.1"));
		assertThat(this.selector.select(running, List.of("0.9.0"), policy, "1.2.0").reason())
			.isEqualTo("no pushed tag is newer than the running 1.0.0");
	}

	@Test
	void neverDowngrades() {
		Selection selection = select("quay.io/acme/web:1.2.0", "0.9.0", "1.1.5");
		assertThat(selection.chosen()).isFalse();
		assertThat(selection.reason()).contains("newer than the running 1.2.0");
	}

	@Test
	void skipsTheRunningTagItself() {
		assertThat(select("quay.io/acme/web:1.2.0", "1.2.0").chosen()).isFalse();
	}

	@Test
	void ignoresTagsThatAreNotVersionsRatherThanCoercingThem() {
		Selection selection = select("quay.io/acme/web:1.0.0", "latest", "sha-123456", "2", "2.1", "V3.0.0");
		assertThat(selection.chosen()).isFalse();
		assertThat(selection.reason()).isEqualTo("no pushed tag is a semantic version");
	}

	@Test
	void acceptsALeadingVAndKeepsTheTagAsPushed() {
		assertThat(select("quay.io/acme/web:v1.0.0", "v1.1.0", "1.0.5")).isEqualTo(Selection.of("v1.1.0"));
	}

	@Test
	void followsAPreReleaseLineOfTheRunningVersion() {
		assertThat(select("quay.io/acme/app:0.0.2-SNAPSHOT", "0.0.2-SNAPSHOT.2"))
			.isEqualTo(Selection.of("0.0.2-SNAPSHOT.2"));
	}

	@Test
	void movesFromAPreReleaseToItsRelease() {
		assertThat(select("quay.io/acme/app:1.0.0-rc.1", "1.0.0", "1.0.0-rc.2")).isEqualTo(Selection.of("1.0.0"));
	}

	@Test
	void ignoresPreReleasesOfOtherVersionsByDefault() {
		assertThat(select("quay.io/acme/web:1.0.0", "1.1.0-rc.1", "2.0.0-beta").chosen()).isFalse();
		assertThat(select("quay.io/acme/app:0.0.2-SNAPSHOT", "0.0.3-SNAPSHOT").chosen()).isFalse();
	}

	@Test
	void takesPreReleasesWhenThePolicyIncludesThem() {
		Selection selection = this.selector.select(ImageReference.parse("quay.io/acme/web:1.0.0"),
				List.of("1.1.0-rc.1", "1.0.1"), new TagPolicy("*", true));
		assertThat(selection).isEqualTo(Selection.of("1.1.0-rc.1"));
	}

	@Test
	void staysInsideThePolicyRange() {
		Selection selection = this.selector.select(ImageReference.parse("quay.io/acme/web:1.2.0"),
				List.of("2.0.0", "1.4.1", "1.3.0"), new TagPolicy("^1.2.0", false));
		assertThat(selection).isEqualTo(Selection.of("1.4.1"));
	}

	@Test
	void explainsWhenEveryNewerTagIsOutsideThePolicy() {
		Selection selection = this.selector.select(ImageReference.parse("quay.io/acme/web:1.2.0"), List.of("2.0.0"),
				new TagPolicy("~1.2", false));
		assertThat(selection.chosen()).isFalse();
		assertThat(selection.reason()).contains("tag policy").contains("~1.2");
	}

	@Test
	void comparesADigestPinnedImageOnItsTag() {
		assertThat(select("quay.io/acme/web:1.0.0@" + DIGEST, "1.1.0")).isEqualTo(Selection.of("1.1.0"));
	}

	@Test
	void leavesAnImagePinnedOnlyByDigestAlone() {
		Selection selection = select("quay.io/acme/web@" + DIGEST, "1.1.0");
		assertThat(selection.chosen()).isFalse();
		assertThat(selection.reason()).contains("digest");
	}

	@Test
	void leavesARunningTagThatIsNotSemverAlone() {
		assertThat(select("quay.io/acme/web:latest", "1.1.0")).isEqualTo(Selection.skip("running tag is not semver"));
	}

	private Selection select(String running, String... pushed) {
		return this.selector.select(ImageReference.parse(running), List.of(pushed), TagPolicy.defaults());
	}

}
