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

class HarborParserTests {

	static final String D1 = "sha256:" + "1".repeat(64);

	static final String D2 = "sha256:" + "2".repeat(64);

	@Test
	void mergesTheTagsOfSeveralResourcesOfOneRepository() {
		String body = pushArtifact(resource("1.2.3", D1, "harbor.example.com/acme/web:1.2.3"),
				resource("latest", D1, "harbor.example.com/acme/web:latest"));
		assertThat(parse(Source.HARBOR, body))
			.isEqualTo(pushes(pushed("harbor.example.com/acme/web", D1, "1.2.3", "latest")));
	}

	@Test
	void announcesNoDigestWhenTheResourcesOfARepositoryDisagree() {
		String body = pushArtifact(resource("1.2.3", D1, "harbor.example.com/acme/web:1.2.3"),
				resource("latest", D2, "harbor.example.com/acme/web:latest"));
		assertThat(parse(Source.HARBOR, body))
			.isEqualTo(pushes(pushed("harbor.example.com/acme/web", null, "1.2.3", "latest")));
	}

	@Test
	void skipsAResourcePushedByDigestAmongTaggedOnes() {
		String body = pushArtifact(resource(D2, D2, "harbor.example.com/acme/web@" + D2),
				resource("1.2.3", D1, "harbor.example.com/acme/web:1.2.3"));
		assertThat(parse(Source.HARBOR, body)).isEqualTo(pushes(pushed("harbor.example.com/acme/web", D1, "1.2.3")));
	}

	@Test
	void takesTheHostWithItsPortFromTheResourceUrl() {
		String body = pushArtifact(resource("1.0", null, "Harbor.Example.com:8443/acme/web:1.0"));
		assertThat(parse(Source.HARBOR, body))
			.isEqualTo(pushes(pushed("harbor.example.com:8443/acme/web", null, "1.0")));
	}

	@Test
	void readsTheCloudEventsFormat() {
		String body = """
				{"specversion":"1.0","type":"harbor.artifact.pushed","data":%s}
				""".formatted(eventData(resource("1.0", D1, "localhost/acme/web:1.0")));
		assertThat(parse(Source.HARBOR, body)).isEqualTo(pushes(pushed("localhost/acme/web", D1, "1.0")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "PULL_ARTIFACT", "DELETE_ARTIFACT", "SCANNING_COMPLETED", "SCANNING_FAILED",
			"SCANNING_STOPPED", "QUOTA_EXCEED", "QUOTA_WARNING", "REPLICATION", "TAG_RETENTION", "UPLOAD_CHART" })
	void announcesNothingForAnotherEventType(String type) {
		String body = "{\"type\":\"" + type + "\",\"event_data\":" + eventData(resource("1.0", D1, "h.io/acme/web:1.0"))
				+ "}";
		assertThat(parse(Source.HARBOR, body))
			.isEqualTo(nothing("Harbor's event '" + type + "' is not an artifact push"));
	}

	@Test
	void announcesNothingForACloudEventOfAnotherType() {
		assertThat(parse(Source.HARBOR, "{\"specversion\":\"1.0\",\"type\":\"PUSH_ARTIFACT\",\"data\":{}}"))
			.isEqualTo(nothing("Harbor's event 'PUSH_ARTIFACT' is not an artifact push"));
	}

	@Test
	void refusesAResourceUrlWithoutAHost() {
		// keel-hq/keel's fakeHarborWebhookMalformed: Keel reads it as a Docker Hub image
		assertRejected(Source.HARBOR, pushArtifact(resource("1.2.3", D1, "mynamespace/repository")))
			.withMessageContaining("event_data.resources[0].resource_url's host 'mynamespace' is not a registry host");
	}

	@Test
	void refusesAPushWithoutItsRepositoryOrType() {
		assertRejected(Source.HARBOR, "{\"type\":\"PUSH_ARTIFACT\",\"event_data\":{\"resources\":[]}}")
			.withMessage("event_data.repository.repo_full_name is missing");
		assertRejected(Source.HARBOR, "{\"event_data\":{}}").withMessage("type is missing");
	}

	static String pushArtifact(String... resources) {
		return "{\"type\":\"PUSH_ARTIFACT\",\"occur_at\":1586922308,\"operator\":\"admin\",\"event_data\":"
				+ eventData(resources) + "}";
	}

	static String eventData(String... resources) {
		return "{\"resources\":[" + String.join(",", resources)
				+ "],\"repository\":{\"name\":\"web\",\"namespace\":\"acme\",\"repo_full_name\":\"acme/web\"}}";
	}

	static String resource(String tag, String digest, String resourceUrl) {
		return "{\"digest\":" + ((digest != null) ? "\"" + digest + "\"" : "null") + ",\"tag\":\"" + tag
				+ "\",\"resource_url\":\"" + resourceUrl + "\"}";
	}

}
