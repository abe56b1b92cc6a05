package io.tagrelay.model.source;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static io.tagrelay.model.source.Notifications.assertRejected;
import static io.tagrelay.model.source.Notifications.nothing;
import static io.tagrelay.model.source.Notifications.parse;
import static io.tagrelay.model.source.Notifications.pushed;
import static io.tagrelay.model.source.Notifications.pushes;
import static org.assertj.core.api.Assertions.assertThat;

class DistributionParserTests {

	static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

	static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

	static final String D1 = "sha256:" + "1".repeat(64);

	static final String D2 = "sha256:" + "2".repeat(64);

	@Test
	void announcesEachRepositoryOnceWithItsTagsInOrderAndWithoutDuplicates() {
		String body = envelope(event("push", "acme/web", "1.2.3", D1, MANIFEST),
				event("push", "acme/web", "latest", D1, MANIFEST), event("push", "acme/web", "1.2.3", D1, MANIFEST),
				event("push", "acme/api", "2.0.0", D2, MANIFEST));
		assertThat(parse(Source.DISTRIBUTION, body))
			.isEqualTo(pushes(pushed("registry.example.com:5000/acme/web", D1, "1.2.3", "latest"),
					pushed("registry.example.com:5000/acme/api", D2, "2.0.0")));
	}

	@Test
	void announcesADigestOnlyWhereEveryTagOfTheRepositoryHasTheSame() {
		String body = envelope(event("push", "acme/web", "1.2.3", D1, MANIFEST),
				event("push", "acme/web", "latest", D2, MANIFEST));
		assertThat(parse(Source.DISTRIBUTION, body))
			.isEqualTo(pushes(pushed("registry.example.com:5000/acme/web", null, "1.2.3", "latest")));
	}

	@Test
	void ignoresBlobsPullsMountsDeletesAndPushesByDigest() {
		String body = envelope(event("push", "acme/web", null, D1, LAYER),
				event("pull", "acme/web", "1.0", D1, MANIFEST), event("mount", "acme/web", null, D1, LAYER),
				event("delete", "acme/web", "1.0", D1, null), event("push", "acme/web", null, D1, MANIFEST),
				event("push", "acme/web", "", D1, MANIFEST));
		assertThat(parse(Source.DISTRIBUTION, body))
			.isEqualTo(nothing("the registry announced no tagged manifest push"));
		assertThat(parse(Source.DISTRIBUTION, "{\"events\":[]}"))
			.isEqualTo(nothing("the registry announced no tagged manifest push"));
	}

	@Test
	void readsATaggedPushAmongIgnoredEvents() {
		String body = envelope(event("push", "acme/web", null, D2, LAYER),
				event("push", "acme/web", "1.0", D1, MANIFEST), event("pull", "acme/api", "2.0", D2, MANIFEST));
		assertThat(parse(Source.DISTRIBUTION, body))
			.isEqualTo(pushes(pushed("registry.example.com:5000/acme/web", D1, "1.0")));
	}

	@Test
	void refusesAHostThatAReferenceWouldReadAsADockerHubNamespace() {
		String body = "{\"events\":[{\"action\":\"push\",\"target\":{\"repository\":\"acme/web\",\"tag\":\"1.0\"},"
				+ "\"request\":{\"host\":\"registry\"}}]}";
		assertRejected(Source.DISTRIBUTION, body)
			.withMessageStartingWith("events[0].request.host 'registry' is not a registry host");
	}

	@Test
	void refusesSomethingThatIsNotAnEnvelope() {
		assertRejected(Source.DISTRIBUTION, "{\"action\":\"push\"}").withMessage("events is missing");
		assertRejected(Source.DISTRIBUTION, "{\"events\":{}}").withMessage("events is not a list");
		assertRejected(Source.DISTRIBUTION, "{\"events\":[\"push\"]}").withMessage("events[0] is not an object");
	}

	@Test
	void refusesMoreTagsThanOnePushMayCarry() {
		String events = IntStream.range(0, 1001)
			.mapToObj((i) -> event("push", "acme/web", "1.0." + i, null, MANIFEST))
			.collect(Collectors.joining(","));
		assertRejected(Source.DISTRIBUTION, "{\"events\":[" + events + "]}").withMessageContaining("at most 1000 tags");
	}

	static String quoted(String text) {
		return (text != null) ? "\"" + text + "\"" : "null";
	}

	static String envelope(String... events) {
		return "{\"events\":[" + String.join(",", events) + "]}";
	}

	static String event(String action, String repository, String tag, String digest, String mediaType) {
		return """
				{"id":"e","action":"%s","target":{"mediaType":%s,"digest":%s,"repository":"%s"%s},
				 "request":{"host":"registry.example.com:5000","method":"PUT"},"actor":{},"source":{}}
				""".formatted(action, quoted(mediaType), quoted(digest), repository,
				(tag != null) ? ",\"tag\":\"" + tag + "\"" : "");
	}

}
