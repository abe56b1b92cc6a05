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

class DockerHubParserTests {

	@Test
	void readsAnOfficialImageAsALibraryRepository() {
		assertThat(parse(Source.DOCKERHUB, push("nginx", "1.27.0")))
			.isEqualTo(pushes(pushed("docker.io/library/nginx", null, "1.27.0")));
	}

	@Test
	void neverTakesARegistryHostFromTheRepositoryName() {
		assertThat(parse(Source.DOCKERHUB, push("quay.io/acme/web", "1.0")))
			.isEqualTo(pushes(pushed("docker.io/quay.io/acme/web", null, "1.0")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"repository\":{\"repo_name\":\"acme/web\"},\"push_data\":{\"tag\":\"\"}}",
			"{\"repository\":{\"repo_name\":\"acme/web\"},\"push_data\":{\"tag\":null}}",
			"{\"repository\":{\"repo_name\":\"acme/web\"},\"push_data\":{}}",
			"{\"repository\":{\"repo_name\":\"acme/web\"}}" })
	void announcesNothingForAPushWithoutATag(String body) {
		assertThat(parse(Source.DOCKERHUB, body)).isEqualTo(nothing("Docker Hub announced a push without a tag"));
	}

	@Test
	void refusesANotificationWithoutARepository() {
		assertRejected(Source.DOCKERHUB, "{\"push_data\":{\"tag\":\"1.0\"}}")
			.withMessage("repository.repo_name is missing");
		assertRejected(Source.DOCKERHUB, "{\"repository\":\"acme/web\",\"push_data\":{\"tag\":\"1.0\"}}")
			.withMessage("repository is not an object");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.0;rm -rf /", "a/b", "-rf", ".hidden" })
	void refusesAnInvalidTag(String tag) {
		assertRejected(Source.DOCKERHUB, push("acme/web", tag)).withMessageContaining("invalid tag");
	}

	@Test
	void refusesAnInvalidRepositoryName() {
		assertRejected(Source.DOCKERHUB, push("Acme/Web", "1.0")).withMessageContaining("repository path");
	}

	static String push(String repoName, String tag) {
		return "{\"push_data\":{\"tag\":\"" + tag + "\"},\"repository\":{\"repo_name\":\"" + repoName + "\"}}";
	}

}
