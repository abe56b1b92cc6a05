package io.tagrelay.model.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventCodecTests {

	static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456789Z");

	static final TargetRef WEB = new TargetRef("shop", "web", "app");

	final EventCodec codec = new EventCodec();

	@Test
	void roundTripsARegistryPush() {
		RegistryPush push = new RegistryPush("evt_1", "quay.io/acme/web", List.of("1.2.0", "latest"), "quay", T0);
		assertThat(this.codec.readEvent(this.codec.write(push))).isEqualTo(push);
	}

	@Test
	void roundTripsAnImageRequest() {
		ImageRequest request = new ImageRequest("evt_2", WEB, "quay.io/acme/web:1.2.0", T0);
		DeployEvent read = this.codec.readEvent(this.codec.write(request));
		assertThat(read).isEqualTo(request);
		assertThat(read.repository()).isEqualTo("quay.io/acme/web");
	}

	@Test
	void carriesTheClientNameAndTheScopedDeployments() {
		RegistryPush push = new RegistryPush("evt_1", "quay.io/acme/web", List.of("1.2.0"), "quay", T0, null, "ci",
				List.of("shop/web"));
		RegistryPush read = (RegistryPush) this.codec.readEvent(this.codec.write(push));
		assertThat(read).isEqualTo(push);
		assertThat(read.mayMove("shop", "web")).isTrue();
		assertThat(read.mayMove("shop", "admin")).isFalse();
		ImageRequest request = new ImageRequest("evt_2", WEB, "quay.io/acme/web:1.2.0", T0, "release-bot");
		assertThat(this.codec.readEvent(this.codec.write(request)).client()).isEqualTo("release-bot");
	}

	@Test
	void readsAnEventWrittenBeforeClientsHadNamesAsUnknownAndUnscoped() {
		String json = """
				{"schema":1,"type":"registry-push","eventId":"evt_1","repository":"quay.io/acme/web",
				 "tags":["1.0.0"],"source":"quay","receivedAt":"2025-01-02T03:04:05Z"}
				""";
		RegistryPush push = (RegistryPush) this.codec.readEvent(bytes(json));
		assertThat(push.client()).isEqualTo(DeployEvent.UNKNOWN_CLIENT);
		assertThat(push.mayMove("any", "deployment")).isTrue();
	}

	@Test
	void roundTripsEveryKindOfOutcome() {
		for (Result result : Result.values()) {
			DeploymentOutcome outcome = new DeploymentOutcome("evt_3", result, WEB, "quay.io/acme/web",
					"quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0", "1.1.0",
					(result != Result.UPDATED) ? "because" : null, (result == Result.FAILED) ? true : null, T0,
					T0.plusSeconds(1), T0.plusSeconds(2));
			assertThat(this.codec.readOutcome(this.codec.write(outcome))).isEqualTo(outcome);
		}
	}

	@Test
	void roundTripsTheDigestTheRegistryAnswered() {
		String digest = "sha256:" + "c".repeat(64);
		DeploymentOutcome outcome = new DeploymentOutcome("evt_3", Result.UPDATED, WEB, "quay.io/acme/web",
				"quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0@" + digest, "1.1.0", null, null, T0, T0, T0, digest);
		assertThat(this.codec.readOutcome(this.codec.write(outcome))).isEqualTo(outcome);
		assertThat(text(this.codec.write(outcome))).contains("\"digest\":\"" + digest + "\"");
	}

	@Test
	void refusesAnOutcomeWithADigestNoRuntimeCouldPull() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> new DeploymentOutcome("evt_3",
				Result.UPDATED, WEB, "quay.io/acme/web", null, null, null, null, null, T0, T0, T0, "sha256:short"));
	}

	@Test
	void roundTripsAnOutcomeWithNullableFieldsLeftOut() {
		DeploymentOutcome outcome = new DeploymentOutcome("evt_3", Result.SKIPPED, WEB, "quay.io/acme/web", null, null,
				null, "no newer tag", null, null, null, T0);
		assertThat(this.codec.readOutcome(this.codec.write(outcome))).isEqualTo(outcome);
	}

	@Test
	void roundTripsATargetState() {
		TargetState state = new TargetState(WEB, "quay.io/acme/web", "quay.io/acme/web:1.0.0", 3, 2, 1, T0);
		assertThat(this.codec.readState(this.codec.write(state))).isEqualTo(state);
		TargetState missing = new TargetState(WEB, "quay.io/acme/web", null, 0, 0, 0, T0);
		assertThat(this.codec.readState(this.codec.write(missing)).exists()).isFalse();
	}

	@Test
	void writesSchemaOneAndTheEventType() {
		String json = text(this.codec.write(new RegistryPush("evt_1", "quay.io/acme/web", List.of("1"), "quay", T0)));
		assertThat(json).contains("\"schema\":1").contains("\"type\":\"registry-push\"");
		String request = text(this.codec.write(new ImageRequest("evt_2", WEB, "quay.io/acme/web:1", T0)));
		assertThat(request).contains("\"schema\":1").contains("\"type\":\"image-request\"");
		assertThat(text(this.codec.write(new TargetState(WEB, "r/x", null, 0, 0, 0, T0)))).contains("\"schema\":1");
	}

	@Test
	void writesTheSchemaOnceAsTheLastPropertyOfTheMessageNeverInsideIt() {
		// ImageRequest holds a nested object (its target)
		String request = text(this.codec.write(new ImageRequest("evt_2", WEB, "quay.io/acme/web:1", T0)));

		assertThat(request).endsWith(",\"schema\":1}").containsOnlyOnce("\"schema\"");
		assertThat(this.codec.readEvent(request.getBytes(StandardCharsets.UTF_8))).isInstanceOf(ImageRequest.class);
	}

	@Test
	void ignoresUnknownFields() {
		String json = """
				{"schema":1,"type":"registry-push","eventId":"evt_1","repository":"quay.io/acme/web",
				 "tags":["1.0.0"],"source":"quay","receivedAt":"2025-01-02T03:04:05Z",
				 "addedLater":{"nested":[1,2,3]},"priority":7}
				""";
		DeployEvent event = this.codec.readEvent(bytes(json));
		assertThat(event).isInstanceOf(RegistryPush.class);
		assertThat(((RegistryPush) event).tags()).containsExactly("1.0.0");
	}

	@Test
	void normalisesTheRepositoryItReads() {
		String json = """
				{"schema":1,"type":"registry-push","eventId":"evt_1","repository":"nginx",
				 "tags":["1.0.0"],"receivedAt":"2025-01-02T03:04:05Z"}
				""";
		RegistryPush push = (RegistryPush) this.codec.readEvent(bytes(json));
		assertThat(push.repository()).isEqualTo("docker.io/library/nginx");
		assertThat(push.source()).isEqualTo("unknown");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2", "99", "0", "-1", "\"two\"", "null" })
	void rejectsASchemaItDoesNotKnow(String schema) {
		String json = "{\"schema\":" + schema + ",\"type\":\"registry-push\",\"eventId\":\"evt_1\","
				+ "\"repository\":\"quay.io/acme/web\",\"tags\":[\"1\"],\"receivedAt\":\"2025-01-02T03:04:05Z\"}";
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.codec.readEvent(bytes(json)))
			.withMessageContaining("schema");
	}

	@Test
	void rejectsAMessageWithoutSchema() {
		String json = "{\"type\":\"registry-push\",\"eventId\":\"evt_1\",\"repository\":\"quay.io/acme/web\","
				+ "\"tags\":[\"1\"],\"receivedAt\":\"2025-01-02T03:04:05Z\"}";
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.codec.readEvent(bytes(json)));
	}

	static Stream<String> garbage() {
		String push = "\"schema\":1,\"type\":\"registry-push\",\"eventId\":\"evt_1\",\"receivedAt\":\"2025-01-02T03:04:05Z\"";
		return Stream.of("", " ", "not json", "{", "[]", "[1,2]", "\"text\"", "42", "null", "true", "{\"schema\":1}",
				"{\"schema\":1,\"type\":\"unknown-type\"}", "{\"schema\":1,\"type\":null}",
				"{" + push + ",\"repository\":\"quay.io/acme/web\",\"tags\":[]}",
				"{" + push + ",\"repository\":\"quay.io/acme/web\",\"tags\":[\"$(id)\"]}",
				"{" + push + ",\"repository\":\"quay.io/acme/web:1\",\"tags\":[\"1\"]}",
				"{" + push + ",\"repository\":\"quay.io/acme/web\",\"tags\":\"1\"}",
				"{" + push + ",\"repository\":\"quay.io/acme/web\",\"tags\":[null]}",
				"{" + push + ",\"repository\":\"quay.io/acme/web\",\"tags\":[{}]}",
				"{" + push + ",\"repository\":null,\"tags\":[\"1\"]}",
				"{" + push + ",\"repository\":[\"a\"],\"tags\":[\"1\"]}",
				"{\"schema\":1,\"type\":\"registry-push\",\"eventId\":\"bad id\",\"repository\":\"quay.io/a/b\","
						+ "\"tags\":[\"1\"],\"receivedAt\":\"2025-01-02T03:04:05Z\"}",
				"{" + push.replace("2025-01-02T03:04:05Z", "yesterday")
						+ ",\"repository\":\"quay.io/a/b\",\"tags\":[\"1\"]}",
				"{\"schema\":1,\"type\":\"image-request\",\"eventId\":\"evt_1\",\"image\":\"quay.io/a/b\","
						+ "\"target\":{\"namespace\":\"ns\",\"deployment\":\"d\",\"container\":\"c\"},"
						+ "\"receivedAt\":\"2025-01-02T03:04:05Z\"}",
				"{\"schema\":1,\"type\":\"image-request\",\"eventId\":\"evt_1\",\"image\":\"quay.io/a/b:1\","
						+ "\"target\":{\"namespace\":\"NS\",\"deployment\":\"d\",\"container\":\"c\"},"
						+ "\"receivedAt\":\"2025-01-02T03:04:05Z\"}",
				"{\"schema\":1,\"type\":\"image-request\",\"eventId\":\"evt_1\",\"image\":\"quay.io/a/b:1\","
						+ "\"target\":null,\"receivedAt\":\"2025-01-02T03:04:05Z\"}",
				"[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
				"{\"schema\":1e999999999}", "{\"schema\":" + "9".repeat(2000) + "}", "\u0000\u0001\u0002",
				"{\"schema\":1,\"schema\":2}");
	}

	@ParameterizedTest
	@MethodSource("garbage")
	void rejectsGarbageAsAnEventWithInvalidInputOnly(String json) {
		assertOnlyInvalidInput(this.codec::readEvent, json);
	}

	@ParameterizedTest
	@MethodSource("garbage")
	void rejectsGarbageAsAnOutcomeWithInvalidInputOnly(String json) {
		assertOnlyInvalidInput(this.codec::readOutcome, json);
	}

	@ParameterizedTest
	@MethodSource("garbage")
	void rejectsGarbageAsAStateWithInvalidInputOnly(String json) {
		assertOnlyInvalidInput(this.codec::readState, json);
	}

	@Test
	void rejectsAnOutcomeThatBreaksItsRules() {
		String failedWithoutReason = """
				{"schema":1,"eventId":"evt_1","result":"FAILED","repository":"quay.io/a/b",
				 "target":{"namespace":"ns","deployment":"d","container":"c"},"finishedAt":"2025-01-02T03:04:05Z"}
				""";
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.codec.readOutcome(bytes(failedWithoutReason)))
			.withMessageContaining("reason");
		String unknownResult = failedWithoutReason.replace("FAILED", "EXPLODED");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.codec.readOutcome(bytes(unknownResult)));
	}

	@Test
	void rejectsAStateWithNullCounts() {
		String json = """
				{"schema":1,"target":{"namespace":"ns","deployment":"d","container":"c"},"repository":"quay.io/a/b",
				 "image":null,"replicas":null,"availableReplicas":0,"updatedReplicas":0,"observedAt":"2025-01-02T03:04:05Z"}
				""";
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.codec.readState(bytes(json)));
	}

	@Test
	void rejectsNull() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.codec.readEvent(null));
	}

	private static void assertOnlyInvalidInput(Function<byte[], ?> reader, String json) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> reader.apply(bytes(json)));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
