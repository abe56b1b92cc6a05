package io.tagrelay.model.image;

import java.util.stream.Stream;

import io.tagrelay.model.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ImageReferenceTests {

	static final String SHA256 = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

	static Stream<Arguments> validReferences() {
		return Stream.of(
				// Docker Hub: default registry and the library/ prefix
				arguments("nginx", "docker.io", "library/nginx", null, null),
				arguments("nginx:1.25", "docker.io", "library/nginx", "1.25", null),
				arguments("library/nginx", "docker.io", "library/nginx", null, null),
				arguments("acme/web", "docker.io", "acme/web", null, null),
				arguments("docker.io/nginx", "docker.io", "library/nginx", null, null),
				arguments("docker.io/library/nginx", "docker.io", "library/nginx", null, null),
				arguments("index.docker.io/nginx", "docker.io", "library/nginx", null, null),
				arguments("index.docker.io/acme/web:2", "docker.io", "acme/web", "2", null),
				// registries with ports, localhost, IP addresses
				arguments("localhost:5000/app:1.0", "localhost:5000", "app", "1.0", null),
				arguments("registry.example.com:443/a/b:tag", "registry.example.com:443", "a/b", "tag", null),
				arguments("localhost/app", "localhost", "app", null, null),
				arguments("192.168.1.10:5000/team/app", "192.168.1.10:5000", "team/app", null, null),
				arguments("[::1]:5000/app:v1", "[::1]:5000", "app", "v1", null),
				arguments("[2001:db8::1]/app", "[2001:db8::1]", "app", null, null),
				// a bare "localhost:5000" is the image "localhost" with tag "5000", as in
				// Docker
				arguments("localhost:5000", "docker.io", "library/localhost", "5000", null),
				// host names are case-insensitive
				arguments("Quay.IO/acme/web", "quay.io", "acme/web", null, null),
				// multi-level paths and separators
				arguments("quay.io/org/team/app", "quay.io", "org/team/app", null, null),
				arguments("quay.io/acme/my-app__x.y_z:1.0.0-rc.1", "quay.io", "acme/my-app__x.y_z", "1.0.0-rc.1", null),
				arguments("quay.io/acme/a--b", "quay.io", "acme/a--b", null, null),
				// tag, digest, both
				arguments("quay.io/acme/web@" + SHA256, "quay.io", "acme/web", null, SHA256),
				arguments("quay.io/acme/web:1.2.3@" + SHA256, "quay.io", "acme/web", "1.2.3", SHA256),
				arguments("nginx@" + SHA256, "docker.io", "library/nginx", null, SHA256),
				arguments("quay.io/acme/web:_private", "quay.io", "acme/web", "_private", null),
				arguments("quay.io/acme/web:UPPER.case", "quay.io", "acme/web", "UPPER.case", null));
	}

	@ParameterizedTest
	@MethodSource("validReferences")
	void parsesAndNormalisesValidReferences(String text, String registry, String path, String tag, String digest) {
		ImageReference reference = ImageReference.parse(text);
		assertThat(reference.registry()).isEqualTo(registry);
		assertThat(reference.path()).isEqualTo(path);
		assertThat(reference.tag()).isEqualTo(tag);
		assertThat(reference.digest()).isEqualTo(digest);
		assertThat(reference.repository()).isEqualTo(registry + "/" + path);
	}

	@ParameterizedTest
	@MethodSource("validReferences")
	void printsAFormThatParsesToTheSameReference(String text) {
		ImageReference reference = ImageReference.parse(text);
		assertThat(ImageReference.parse(reference.toString())).isEqualTo(reference);
		assertThat(ImageReference.parseRepository(reference.repository())).isEqualTo(reference.withTag(null));
	}

	@Test
	void parsesARepositoryItHasSeenAsBeforeAndStillRefusesItsTags() {
		ImageReference first = ImageReference.parseRepository("Quay.IO/acme/web");

		assertThat(ImageReference.parseRepository("Quay.IO/acme/web")).isEqualTo(first)
			.isEqualTo(ImageReference.parseRepository("quay.io/acme/web"));
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parseRepository("Quay.IO/acme/web:1.0"));
		// more names than it remembers: each still parsed
		for (int i = 0; i < 3000; i++) {
			assertThat(ImageReference.parseRepository("quay.io/acme/web" + i).path()).isEqualTo("acme/web" + i);
		}
		assertThat(ImageReference.parseRepository("Quay.IO/acme/web")).isEqualTo(first);
	}

	@Test
	void keepsTheCaseOfADotlessRegistryRecognisedOnlyByItsUpperCase() {
		ImageReference reference = ImageReference.parse("Acme/web:1");
		assertThat(reference.registry()).isEqualTo("Acme");
		assertThat(reference.repository()).isEqualTo("Acme/web");
		assertThat(ImageReference.parseRepository(reference.repository()).isFrom(reference)).isTrue();
		assertThat(ImageReference.parse("acme/web").isFrom(reference)).isFalse();
	}

	@Test
	void printsRegistryPathTagAndDigest() {
		assertThat(ImageReference.parse("nginx")).hasToString("docker.io/library/nginx");
		assertThat(ImageReference.parse("quay.io/acme/web:1.0")).hasToString("quay.io/acme/web:1.0");
		assertThat(ImageReference.parse("quay.io/acme/web:1.0@" + SHA256))
			.hasToString("quay.io/acme/web:1.0@" + SHA256);
		assertThat(ImageReference.parse("localhost:5000/app@" + SHA256)).hasToString("localhost:5000/app@" + SHA256);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "quay.io/acme/web:1.0:2", "quay.io/Acme/web", "quay.io/acme/Web:1", "NGINX",
			"quay.io/acme/web/", "quay.io/acme//web", "quay.io/", "/app", "quay.io/acme/web:", "quay.io/acme/web@",
			" quay.io/acme/web", "quay.io/acme/web ", "quay.io/acme/web:1 ", "quay.io/acme/web:-1",
			"quay.io/acme/web:.1", "quay.io/acme/web:1/2", "quay.io/acme/web:1;rm -rf /", "quay.io/acme/web:$(id)",
			"quay.io/acme/web\n", "quay.io/acme/-web", "quay.io/acme/web-", "quay.io/acme/a...b", "quay.io/acme/a___b",
			"quay.io/acme/../etc", "quay.io/acme/web@sha256:abc",
			"quay.io/acme/web@sha256:gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
			"quay.io/acme/web@md5:0123456789abcdef0123456789abcdef", "quay.io/acme/web@@sha256:x", "@sha256:x", ":1.0",
			"-quay.io/acme/web", "quay-.io/acme/web", "quay.io:port/acme/web", "quay.io:123456/acme/web", "[::1/app",
			"http://quay.io/acme/web", "quay.io/acme/wéb" })
	void rejectsInvalidReferences(String text) {
		assertThatExceptionOfType(InvalidReferenceException.class).isThrownBy(() -> ImageReference.parse(text));
	}

	@Test
	void rejectsATagLongerThan128Characters() {
		assertThat(ImageReference.parse("quay.io/acme/web:" + "1".repeat(128)).tag()).hasSize(128);
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parse("quay.io/acme/web:" + "1".repeat(129)));
	}

	@Test
	void rejectsADigestOfTheWrongLengthOrCase() {
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parse("nginx@sha256:" + "a".repeat(63)));
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parse("nginx@sha256:" + "a".repeat(65)));
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parse("nginx@sha256:" + "A".repeat(64)));
		assertThat(ImageReference.parse("nginx@sha512:" + "0".repeat(128)).digest()).startsWith("sha512:");
	}

	@Test
	void rejectsAnImageIdAsAName() {
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parse("a".repeat(64)))
			.withMessageContaining("image id");
		assertThat(ImageReference.parse("a".repeat(63)).path()).isEqualTo("library/" + "a".repeat(63));
	}

	@Test
	void rejectsARepositoryNameLongerThan255Characters() {
		String path = "acme/" + "a".repeat(255 - "quay.io/acme/".length());
		assertThat(ImageReference.parse("quay.io/" + path).repository()).hasSize(255);
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parse("quay.io/" + path + "a"))
			.withMessageContaining("255");
	}

	@Test
	void rejectsOverLongInputWithoutQuotingIt() {
		String text = "quay.io/acme/" + "a".repeat(5000);
		assertThatExceptionOfType(InvalidReferenceException.class).isThrownBy(() -> ImageReference.parse(text))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200));
	}

	@Test
	void quotesUntrustedInputSafelyInItsMessage() {
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parse("quay.io/acme/web\r\nX-Injected: 1"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n", "\r").contains("\\u000a"));
	}

	@Test
	void isAnInvalidInputException() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ImageReference.parse("x:"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "quay.io/acme/web", "nginx", "localhost:5000/app", "docker.io/library/nginx" })
	void parsesRepositoryNames(String text) {
		ImageReference repository = ImageReference.parseRepository(text);
		assertThat(repository.tag()).isNull();
		assertThat(repository.digest()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "quay.io/acme/web:1.0", "quay.io/acme/web@" + SHA256, "localhost:5000/app:latest", "" })
	void rejectsARepositoryNameWithTagOrDigest(String text) {
		assertThatExceptionOfType(InvalidReferenceException.class)
			.isThrownBy(() -> ImageReference.parseRepository(text));
	}

	@Test
	void isFromComparesRegistryAndPathOnly() {
		ImageReference repository = ImageReference.parseRepository("quay.io/acme/web");
		assertThat(ImageReference.parse("quay.io/acme/web:1.0").isFrom(repository)).isTrue();
		assertThat(ImageReference.parse("QUAY.io/acme/web@" + SHA256).isFrom(repository)).isTrue();
		assertThat(ImageReference.parse("quay.io/acme/web2:1.0").isFrom(repository)).isFalse();
		assertThat(ImageReference.parse("quay.io/acme/web/sub:1.0").isFrom(repository)).isFalse();
		assertThat(ImageReference.parse("quay.io/acme:1.0").isFrom(repository)).isFalse();
		assertThat(ImageReference.parse("docker.io/acme/web:1.0").isFrom(repository)).isFalse();
		assertThat(ImageReference.parse("quay.io:443/acme/web:1.0").isFrom(repository)).isFalse();
		assertThat(ImageReference.parse("nginx").isFrom(ImageReference.parse("docker.io/library/nginx"))).isTrue();
	}

	@Test
	void withTagReplacesTagAndDropsDigest() {
		ImageReference pinned = ImageReference.parse("quay.io/acme/web:1.0@" + SHA256);
		ImageReference retagged = pinned.withTag("1.1");
		assertThat(retagged).hasToString("quay.io/acme/web:1.1");
		assertThat(retagged.isPinnedByDigest()).isFalse();
		assertThat(pinned.isPinnedByDigest()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-1", "a b", "a/b", ".1" })
	void withTagRejectsAnInvalidTag(String tag) {
		ImageReference repository = ImageReference.parseRepository("quay.io/acme/web");
		assertThatExceptionOfType(InvalidReferenceException.class).isThrownBy(() -> repository.withTag(tag));
	}

}
