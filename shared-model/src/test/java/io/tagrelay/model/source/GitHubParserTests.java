package io.tagrelay.model.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tagrelay.model.source.Notifications.assertRejected;
import static io.tagrelay.model.source.Notifications.nothing;
import static io.tagrelay.model.source.Notifications.parse;
import static io.tagrelay.model.source.Notifications.pushed;
import static io.tagrelay.model.source.Notifications.pushes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GitHubParserTests {

	static final String DIGEST = "sha256:" + "a".repeat(64);

	@ParameterizedTest
	@ValueSource(strings = { "published", "updated" })
	void readsAPublishedContainerInLowerCase(String action) {
		assertThat(parse(Source.GITHUB, pkg(action, "Acme", "Web", "CONTAINER", "1.2.3", DIGEST), "package"))
			.isEqualTo(pushes(pushed("ghcr.io/acme/web", DIGEST, "1.2.3")));
	}

	@Test
	void readsAPackageWhoseNameHasSeveralComponents() {
		assertThat(parse(Source.GITHUB, pkg("published", "acme", "tools/web", "container", "1.0", ""), "package"))
			.isEqualTo(pushes(pushed("ghcr.io/acme/tools/web", null, "1.0")));
	}

	@Test
	void takesTheOwnerWhenThePackageNamesNoNamespace() {
		String body = """
				{"action":"published","package":{"name":"web","ecosystem":"CONTAINER","owner":{"login":"Acme"},
				 "package_version":{"container_metadata":{"tag":{"name":"1.0"}}}}}
				""";
		assertThat(parse(Source.GITHUB, body, "package")).isEqualTo(pushes(pushed("ghcr.io/acme/web", null, "1.0")));
	}

	@Test
	void announcesNothingForAPerPlatformManifest() {
		assertThat(parse(Source.GITHUB, pkg("published", "acme", "web", "CONTAINER", "", DIGEST), "package")).isEqualTo(
				nothing("GitHub published a manifest without a tag (one platform's image of a multi-platform push)"));
	}

	@Test
	void announcesNothingForAPing() {
		assertThat(parse(Source.GITHUB, "{\"zen\":\"Design for failure.\",\"hook_id\":1}", "ping"))
			.isEqualTo(nothing("GitHub's ping"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "push", "registry_package", "release" })
	void announcesNothingForAnotherEvent(String event) {
		assertThat(parse(Source.GITHUB, pkg("published", "acme", "web", "CONTAINER", "1.0", DIGEST), event))
			.isEqualTo(nothing("GitHub's event '" + event + "' is not a package event"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "deleted", "create", "restored" })
	void announcesNothingForAnotherAction(String action) {
		assertThat(parse(Source.GITHUB, pkg(action, "acme", "web", "CONTAINER", "1.0", DIGEST), "package"))
			.isEqualTo(nothing("GitHub's package action '" + action + "' publishes nothing"));
	}

	@Test
	void announcesNothingForAPackageThatIsNotAContainer() {
		assertThat(parse(Source.GITHUB, pkg("published", "acme", "web", "npm", "1.0", DIGEST), "package"))
			.isEqualTo(nothing("GitHub published a package that is not a container image"));
	}

	@Test
	void refusesARequestWithoutTheEventHeader() {
		assertThatExceptionOfType(io.tagrelay.model.InvalidInputException.class)
			.isThrownBy(() -> parse(Source.GITHUB, "{\"zen\":\"x\"}", null))
			.withMessage("the X-GitHub-Event header is missing");
	}

	@Test
	void refusesAnInvalidDigestOrTag() {
		assertRejected(Source.GITHUB, pkg("published", "acme", "web", "CONTAINER", "1.0", "sha256:abc"))
			.withMessageContaining("invalid digest");
		assertRejected(Source.GITHUB, pkg("published", "acme", "web", "CONTAINER", "1.0 beta", DIGEST))
			.withMessageContaining("invalid tag");
	}

	static String pkg(String action, String namespace, String name, String type, String tag, String digest) {
		return """
				{"action":"%s","package":{"name":"%s","namespace":"%s","package_type":"%s",
				 "package_version":{"container_metadata":{"tag":{"name":"%s","digest":"%s"}}}}}
				""".formatted(action, name, namespace, type, tag, digest);
	}

}
