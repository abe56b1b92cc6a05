package io.tagrelay.worker.patch;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ImagePatcherTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final ChangeMark MARK = new ChangeMark("evt_1", "web", "quay.io/acme/web:1.0.0");

	@Test
	void testsTheImageReadThenReplacesIt() {
		JsonNode ops = JSON.readTree(ImagePatcher.jsonPatch(2, "quay.io/acme/web:1.1.0", MARK, true));

		assertThat(ops.get(0).path("op").asString()).isEqualTo("test");
		assertThat(ops.get(0).path("path").asString()).isEqualTo("/spec/template/spec/containers/2/image");
		assertThat(ops.get(0).path("value").asString()).isEqualTo("quay.io/acme/web:1.0.0");
		assertThat(ops.get(1).path("op").asString()).isEqualTo("replace");
		assertThat(ops.get(1).path("value").asString()).isEqualTo("quay.io/acme/web:1.1.0");
	}

	@Test
	void marksTheChangeInExistingAnnotationsWithEscapedKeys() {
		JsonNode ops = JSON.readTree(ImagePatcher.jsonPatch(0, "quay.io/acme/web:1.1.0", MARK, true));

		assertThat(ops).hasSize(4);
		assertThat(ops.get(2).path("op").asString()).isEqualTo("add");
		assertThat(ops.get(2).path("path").asString()).isEqualTo("/metadata/annotations/web.tagrelay.io~1event-id");
		assertThat(ops.get(2).path("value").asString()).isEqualTo("evt_1");
		assertThat(ops.get(3).path("path").asString())
			.isEqualTo("/metadata/annotations/web.tagrelay.io~1previous-image");
		assertThat(ops.get(3).path("value").asString()).isEqualTo("quay.io/acme/web:1.0.0");
	}

	@Test
	void addsTheAnnotationsObjectWhenTheDeploymentHasNone() {
		JsonNode ops = JSON.readTree(ImagePatcher.jsonPatch(0, "quay.io/acme/web:1.1.0", MARK, false));

		assertThat(ops).hasSize(3);
		assertThat(ops.get(2).path("path").asString()).isEqualTo("/metadata/annotations");
		assertThat(ops.get(2).path("value").path("web.tagrelay.io/event-id").asString()).isEqualTo("evt_1");
	}

	@Test
	void escapesTildeBeforeSlash() {
		assertThat(ImagePatcher.escape("a~/b")).isEqualTo("a~0~1b");
	}

}
