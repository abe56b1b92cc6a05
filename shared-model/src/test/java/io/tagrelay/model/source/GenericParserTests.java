package io.tagrelay.model.source;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tagrelay.model.source.Notifications.assertRejected;
import static io.tagrelay.model.source.Notifications.parse;
import static io.tagrelay.model.source.Notifications.pushed;
import static io.tagrelay.model.source.Notifications.pushes;
import static org.assertj.core.api.Assertions.assertThat;

class GenericParserTests {

	@Test
	void readsARepositoryAsAPodSpecNamesIt() {
		assertThat(parse(Source.GENERIC, "{\"repository\":\"nginx\",\"tags\":[\"1.27.0\"]}"))
			.isEqualTo(pushes(pushed("docker.io/library/nginx", null, "1.27.0")));
	}

	@Test
	void namesEachTagOnce() {
		assertThat(parse(Source.GENERIC, "{\"repository\":\"quay.io/acme/web\",\"tags\":[\"1.0\",\"latest\",\"1.0\"]}"))
			.isEqualTo(pushes(pushed("quay.io/acme/web", null, "1.0", "latest")));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "{\"repository\":\"quay.io/acme/web\"}", "{\"repository\":\"quay.io/acme/web\",\"tags\":[]}",
					"{\"repository\":\"quay.io/acme/web\",\"tags\":null}" })
	void refusesAPushWithoutTags(String body) {
		assertRejected(Source.GENERIC, body).withMessage("tags is missing or empty");
	}

	@Test
	void refusesTagsThatAreNotAListOfTags() {
		assertRejected(Source.GENERIC, "{\"repository\":\"quay.io/acme/web\",\"tags\":\"1.0\"}")
			.withMessage("tags is not a list");
		assertRejected(Source.GENERIC, "{\"repository\":\"quay.io/acme/web\",\"tags\":[1]}")
			.withMessage("tags[0] is not a string");
		assertRejected(Source.GENERIC, "{\"repository\":\"quay.io/acme/web\",\"tags\":[\"$(id)\"]}")
			.withMessageContaining("invalid tag");
	}

	@Test
	void refusesAReferenceWhereTheRepositoryBelongs() {
		assertRejected(Source.GENERIC, "{\"repository\":\"quay.io/acme/web:1.0\",\"tags\":[\"1.0\"]}")
			.withMessageContaining("names a tag or digest, not a repository");
	}

	@Test
	void refusesAnInvalidDigest() {
		assertRejected(Source.GENERIC,
				"{\"repository\":\"quay.io/acme/web\",\"tags\":[\"1.0\"],\"digest\":\"sha256:abc\"}")
			.withMessageContaining("invalid digest");
	}

	@Test
	void acceptsUpTo1000TagsAndRefusesMore() {
		assertThat(parse(Source.GENERIC, withTags(1000))).isInstanceOfSatisfying(Announcement.Pushes.class,
				(pushes) -> assertThat(pushes.pushes().get(0).tags()).hasSize(1000));
		assertRejected(Source.GENERIC, withTags(1001)).withMessageContaining("at most 1000 tags");
	}

	static String withTags(int count) {
		return "{\"repository\":\"quay.io/acme/web\",\"tags\":" + IntStream.range(0, count)
			.mapToObj((i) -> "\"1.0." + i + "\"")
			.collect(Collectors.joining(",", "[", "]")) + "}";
	}

}
