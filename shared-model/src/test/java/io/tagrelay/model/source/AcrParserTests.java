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

class AcrParserTests {

	static final String DIGEST = "sha256:" + "b".repeat(64);

	@Test
	void readsAPushOfARepositoryWithSeveralComponents() {
		assertThat(parse(Source.ACR, push("team/web", "1.2.3")))
			.isEqualTo(pushes(pushed("myregistry.azurecr.io/team/web", DIGEST, "1.2.3")));
	}

	@Test
	void announcesNothingForAPushByDigest() {
		assertThat(parse(Source.ACR, push("web", "")))
			.isEqualTo(nothing("Azure Container Registry announced a push by digest, without a tag"));
	}

	@Test
	void announcesNothingForAPing() {
		assertThat(parse(Source.ACR, "{\"id\":\"x\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"action\":\"ping\"}"))
			.isEqualTo(nothing("Azure Container Registry's ping"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "delete", "chart_push", "chart_delete", "quarantine" })
	void announcesNothingForAnotherAction(String action) {
		assertThat(parse(Source.ACR, push("web", "1.0").replace("\"push\"", "\"" + action + "\"")))
			.isEqualTo(nothing("Azure Container Registry's action '" + action + "' is not an image push"));
	}

	@Test
	void refusesAPushWithoutItsHostOrRepository() {
		assertRejected(Source.ACR, "{\"action\":\"push\",\"target\":{\"repository\":\"web\",\"tag\":\"1.0\"}}")
			.withMessage("request.host is missing");
		assertRejected(Source.ACR, "{\"action\":\"push\",\"target\":{\"tag\":\"1.0\"},\"request\":{\"host\":\"a.io\"}}")
			.withMessage("target.repository is missing");
		assertRejected(Source.ACR, "{\"target\":{}}").withMessage("action is missing");
	}

	static String push(String repository, String tag) {
		return """
				{"id":"cb8c3971","timestamp":"2017-11-17T16:52:01Z","action":"push",
				 "target":{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s",
				  "repository":"%s","tag":"%s"},
				 "request":{"id":"3cbb6949","host":"myregistry.azurecr.io","method":"PUT"}}
				""".formatted(DIGEST, repository, tag);
	}

}
