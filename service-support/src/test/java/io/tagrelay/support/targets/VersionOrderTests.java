package io.tagrelay.support.targets;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

import static org.assertj.core.api.Assertions.assertThat;

class VersionOrderTests {

	@Test
	void sortsAsSemverOrgPrecedence() {
		List<String> ascending = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
				"1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0");
		List<String> sorted = Stream
			.of("2.0.0", "1.0.0-beta.11", "1.10.0", "1.0.0", "1.0.0-alpha.beta", "1.0.1", "1.0.0-alpha", "1.0.0-rc.1",
					"1.0.0-beta.2", "1.0.0-alpha.1", "1.0.0-beta")
			.map(Semver::parse)
			.sorted(VersionOrder.NPM)
			.map(Semver::getVersion)
			.toList();
		assertThat(sorted).isEqualTo(ascending);
	}

	@Test
	void comparesIdentifiersWithLettersAsAsciiText() {
		assertThat(compare("1.2.3-r2", "1.2.3-r100")).isPositive();
		assertThat(compare("1.2.3-r100", "1.2.3-R2")).isPositive();
		assertThat(compare("1.2.3-5-foo", "1.2.3-5-Foo")).isPositive();
	}

	@Test
	void comparesLongNumbersExactlyAndIgnoresBuildMetadata() {
		assertThat(compare("1.0.0-99999999999999999999", "1.0.0-99999999999999999998")).isPositive();
		assertThat(compare("1.0.0+build.1", "1.0.0+build.2")).isZero();
	}

	private static int compare(String a, String b) {
		return VersionOrder.compare(Semver.parse(a), Semver.parse(b));
	}

}
