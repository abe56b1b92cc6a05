package io.tagrelay.worker.select;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.TagPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tag choice agrees with npm's semver, the reference the "npm-style range" promise names:
 * node-semver's own range and comparison fixtures, turned into tag-choice cases (see
 * {@code node-semver/README.md} beside the cases for where they come from and how).
 */
class NodeSemverCasesTests {

	static final String CASES = "node-semver/tag-choice-cases.json";

	final TagSelector selector = new TagSelector();

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void choosesAsNpmSemverDoes(Case c) {
		Selection selection = this.selector.select(ImageReference.parse("quay.io/acme/web:" + c.running()), c.pushed(),
				new TagPolicy(c.range(), c.includePrereleases()));

		assertThat(selection.tag())
			.as("%s: running %s, pushed %s, range '%s'%s (%s)", c.source(), c.running(), c.pushed(), c.range(),
					c.includePrereleases() ? " with pre-releases" : "", selection.reason())
			.isEqualTo(c.chosen());
	}

	@Test
	void coversEveryFixtureRowATagCanReach() {
		Fixtures fixtures = fixtures();
		assertThat(fixtures.from()).isEqualTo("npm/node-semver 7.8.5");
		assertThat(fixtures.cases()).hasSize(263);
		assertThat(fixtures.skipped().get("not an OCI tag")).hasSize(3);
		assertThat(fixtures.skipped().get("loose")).hasSize(25);
	}

	static List<Case> cases() {
		return fixtures().cases();
	}

	private static Fixtures fixtures() {
		try (InputStream in = NodeSemverCasesTests.class.getResourceAsStream(CASES)) {
			return JsonMapper.builder().build().readValue(in, Fixtures.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(CASES + " is not readable", ex);
		}
	}

	record Fixtures(String from, Map<String, List<String>> skipped, List<Case> cases) {
	}

	record Case(String source, String running, List<String> pushed, String range, boolean includePrereleases,
			String chosen) {

		@Override
		public String toString() {
			return this.source;
		}

	}

}
