package io.tagrelay.worker.registry;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChallengeTests {

	@Test
	void readsDockerHubsBearerChallenge() {
		Challenge challenge = Challenge
			.parse("Bearer realm=\"https://auth.docker.io/token\","
					+ "service=\"registry.docker.io\",scope=\"repository:library/nginx:pull,push\"")
			.orElseThrow();
		assertThat(challenge.isBearer()).isTrue();
		assertThat(challenge.parameters()).isEqualTo(Map.of("realm", "https://auth.docker.io/token", "service",
				"registry.docker.io", "scope", "repository:library/nginx:pull,push"));
	}

	@Test
	void readsBasicAndUnquotedParameters() {
		Challenge challenge = Challenge.parse("basic Realm=Registry").orElseThrow();
		assertThat(challenge.isBasic()).isTrue();
		assertThat(challenge.parameter("realm")).isEqualTo("Registry");
	}

	@Test
	void needsARealmForABearerChallenge() {
		assertThat(Challenge.parse("Bearer service=\"x\"").orElseThrow().isBearer()).isFalse();
		assertThat(Challenge.parse(null)).isEmpty();
		assertThat(Challenge.parse("")).isEmpty();
	}

}
