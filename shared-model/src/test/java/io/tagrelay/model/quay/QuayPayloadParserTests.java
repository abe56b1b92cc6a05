package io.tagrelay.model.quay;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.RegistryPush;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QuayPayloadParserTests {

	static final String REPO_PUSH = """
			{"repository":"acme/web","namespace":"acme","name":"web","docker_url":"quay.io/acme/web",
			 "homepage":"https://quay.io/repository/acme/web","updated_tags":["1.2.0","latest"]}
			""";

	final QuayPayloadParser parser = new QuayPayloadParser();

	@Test
	void parsesARepoPushWithATagList() {
		QuayPush push = parse(REPO_PUSH);
		assertThat(push.repository()).isEqualTo("quay.io/acme/web");
		assertThat(push.tags()).containsExactly("1.2.0", "latest");
	}

	@Test
	void parsesTheOlderMapOfTags() {
		QuayPush push = parse("""
				{"repository":"acme/web","docker_url":"quay.io/acme/web",
				 "updated_tags":{"1.2.0":"sha256:0f00","latest":"sha256:0f00"}}
				""");
		assertThat(push.tags()).containsExactly("1.2.0", "latest");
	}

	@Test
	void takesTheRepositoryFromDockerUrlWithItsRegistryHost() {
		QuayPush push = parse("""
				{"repository":"acme/web","docker_url":"registry.example.com:8443/acme/team/web","updated_tags":["1"]}
				""");
		assertThat(push.repository()).isEqualTo("registry.example.com:8443/acme/team/web");
	}

	@Test
	void trimsSpaceAroundDockerUrl() {
		assertThat(parse(REPO_PUSH.replace("\"quay.io/acme/web\"", "\" quay.io/acme/web \"")).repository())
			.isEqualTo("quay.io/acme/web");
	}

	@Test
	void rejectsAMissingDockerUrl() {
		assertRejected("{\"repository\":\"acme/web\",\"updated_tags\":[\"1\"]}", "docker_url");
	}

	@ParameterizedTest
	@ValueSource(strings = { "42", "null", "[\"quay.io/acme/web\"]", "{\"url\":\"quay.io/acme/web\"}", "\"\"", "\"  \"",
			"true" })
	void rejectsADockerUrlThatIsNotAString(String value) {
		assertRejected("{\"docker_url\":" + value + ",\"updated_tags\":[\"1\"]}", "docker_url");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "quay.io/acme/web:latest", "quay.io/Acme/web", "https://quay.io/acme/web", "quay.io/acme/web/",
					"quay.io/acme/web@sha256:0000000000000000000000000000000000000000000000000000000000000000" })
	void rejectsADockerUrlThatIsNotARepository(String dockerUrl) {
		assertRejected("{\"docker_url\":\"" + dockerUrl + "\",\"updated_tags\":[\"1\"]}", null);
	}

	@Test
	void rejectsDuplicateKeys() {
		assertRejected(
				"{\"docker_url\":\"quay.io/acme/web\",\"docker_url\":\"quay.io/evil/web\",\"updated_tags\":[\"1\"]}",
				"JSON");
		assertRejected("{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":{\"1\":\"a\",\"1\":\"b\"}}", "JSON");
	}

	@Test
	void rejectsDeepNesting() {
		String deep = "{\"x\":".repeat(40) + "1" + "}".repeat(40);
		assertRejected("{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"1\"],\"extra\":" + deep + "}", "JSON");
		assertRejected("[".repeat(100_000), "JSON");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.0;rm -rf /", "$(id)", "`id`", "../../etc/passwd", "a/b", "1.0 ", " 1.0", ".hidden",
			"-rf", "a\\nb", "a|b", "a&b", "a>b", "", "1.0+build" })
	void rejectsTagsWithShellOrPathCharacters(String tag) {
		String escaped = tag.replace("\\", "\\\\");
		assertRejected("{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"1.0\",\"" + escaped + "\"]}", null);
		assertRejected("{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":{\"" + escaped + "\":\"x\"}}", null);
	}

	@Test
	void rejectsATagLongerThan128Characters() {
		assertThat(parse("{\"docker_url\":\"quay.io/a/b\",\"updated_tags\":[\"" + "1".repeat(128) + "\"]}").tags())
			.hasSize(1);
		assertRejected("{\"docker_url\":\"quay.io/a/b\",\"updated_tags\":[\"" + "1".repeat(129) + "\"]}", "tag");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "{}", "null", "\"1.0\"", "42", "[1]", "[null]", "[[\"1\"]]", "[{\"tag\":\"1\"}]" })
	void rejectsUpdatedTagsThatAreNotAListOfTags(String value) {
		assertRejected("{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":" + value + "}", "updated_tags");
	}

	@Test
	void rejectsMissingUpdatedTags() {
		assertRejected("{\"docker_url\":\"quay.io/acme/web\"}", "updated_tags");
	}

	@Test
	void acceptsUpTo1000TagsAndRejectsMore() {
		assertThat(parse(withTags(RegistryPush.MAX_TAGS)).tags()).hasSize(RegistryPush.MAX_TAGS);
		assertRejected(withTags(RegistryPush.MAX_TAGS + 1), "1000");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "not json", "[]", "\"x\"", "null", "{", "{\"docker_url\":\"quay.io/a/b\"",
			"\u00ff\u00fe" })
	void rejectsABodyThatIsNotAJsonObject(String body) {
		assertRejected(body, null);
	}

	@Test
	void rejectsNullAndAnOverLongString() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.parser.parse(null));
		assertRejected("{\"docker_url\":\"quay.io/a/b\",\"updated_tags\":[\"1\"],\"x\":\"" + "a".repeat(20_000) + "\"}",
				"JSON");
	}

	@Test
	void quotesBrokenJsonSafelyInItsMessage() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> parse("{\"a\r\nb\": x}"))
			.withMessageNotContaining("\n");
	}

	private static String withTags(int count) {
		String tags = IntStream.range(0, count)
			.mapToObj((i) -> "\"1.0." + i + "\"")
			.collect(Collectors.joining(",", "[", "]"));
		return "{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":" + tags + "}";
	}

	private QuayPush parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8));
	}

	private void assertRejected(String body, String messagePart) {
		var thrown = assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> parse(body));
		if (messagePart != null) {
			thrown.withMessageContaining(messagePart);
		}
	}

}
