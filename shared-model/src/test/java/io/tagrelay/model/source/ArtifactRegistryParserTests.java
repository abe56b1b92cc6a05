package io.tagrelay.model.source;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static io.tagrelay.model.source.Notifications.assertRejected;
import static io.tagrelay.model.source.Notifications.parse;
import static io.tagrelay.model.source.Notifications.pushed;
import static io.tagrelay.model.source.Notifications.pushes;
import static org.assertj.core.api.Assertions.assertThat;

class ArtifactRegistryParserTests {

	static final String REPOSITORY = "europe-west1-docker.pkg.dev/acme/images/web";

	static final String DIGEST = "sha256:" + "c".repeat(64);

	@Test
	void readsAnInsertOfATag() {
		assertThat(parse(Source.ARTIFACT_REGISTRY, envelope(insert(REPOSITORY + "@" + DIGEST, REPOSITORY + ":1.2.3"))))
			.isEqualTo(pushes(pushed(REPOSITORY, DIGEST, "1.2.3")));
	}

	@Test
	void readsAnInsertWithoutItsDigest() {
		assertThat(
				parse(Source.ARTIFACT_REGISTRY, envelope("{\"action\":\"INSERT\",\"tag\":\"" + REPOSITORY + ":1.0\"}")))
			.isEqualTo(pushes(pushed(REPOSITORY, null, "1.0")));
	}

	@Test
	void refusesADigestOfAnotherRepository() {
		assertRejected(Source.ARTIFACT_REGISTRY,
				envelope(insert("europe-west1-docker.pkg.dev/acme/images/api@" + DIGEST, REPOSITORY + ":1.0")))
			.withMessage("message.data.digest does not name a digest of the tagged repository");
	}

	@Test
	void refusesATagWithoutARegistryHostOrWithoutATag() {
		assertRejected(Source.ARTIFACT_REGISTRY, envelope(insert(null, "acme/web:1.0")))
			.withMessageStartingWith("message.data.tag's host 'acme' is not a registry host");
		assertRejected(Source.ARTIFACT_REGISTRY, envelope(insert(null, REPOSITORY)))
			.withMessage("message.data.tag does not name a tag");
	}

	@Test
	void refusesAnEnvelopeWithoutData() {
		assertRejected(Source.ARTIFACT_REGISTRY, "{\"message\":{\"messageId\":\"1\"},\"subscription\":\"s\"}")
			.withMessage("message.data is missing");
		assertRejected(Source.ARTIFACT_REGISTRY, "{\"message\":{\"data\":\"not base64!\"}}")
			.withMessage("message.data is not base64");
	}

	@Test
	void refusesDataThatIsNotAJsonObject() {
		assertRejected(Source.ARTIFACT_REGISTRY, envelope("[\"INSERT\"]"))
			.withMessage("message.data is not a JSON object");
		assertRejected(Source.ARTIFACT_REGISTRY, envelope("{\"action\":\"INSERT\",\"action\":\"DELETE\"}"))
			.withMessageStartingWith("message.data is not valid JSON");
	}

	static String insert(String digest, String tag) {
		return "{\"action\":\"INSERT\"" + ((digest != null) ? ",\"digest\":\"" + digest + "\"" : "") + ",\"tag\":\""
				+ tag + "\"}";
	}

	static String envelope(String data) {
		return "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
				+ "\",\"messageId\":\"2070443601311540\"},\"subscription\":\"projects/acme/subscriptions/tagrelay\"}";
	}

}
