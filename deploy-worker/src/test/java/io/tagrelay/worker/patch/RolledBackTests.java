package io.tagrelay.worker.patch;

import java.util.Map;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RolledBackTests {

	@Test
	void readsTheFailedImageOfEachContainerFromTheAnnotation() {
		RolledBack rolledBack = RolledBack
			.of(annotated("{\"web\":\"quay.io/acme/web:1.2.0\",\"api\":\"quay.io/acme/api:2.0.0\"}"));

		assertThat(rolledBack.of("web")).contains("quay.io/acme/web:1.2.0");
		assertThat(rolledBack.of("api")).contains("quay.io/acme/api:2.0.0");
		assertThat(rolledBack.of("proxy")).isEmpty();
	}

	@Test
	void readsNothingFromAMissingOrHandEditedAnnotation() {
		assertThat(RolledBack.of(new DeploymentBuilder().withNewMetadata().endMetadata().build()).images()).isEmpty();
		assertThat(RolledBack.of(annotated("web=1.2.0")).images()).isEmpty();
		assertThat(RolledBack.of(annotated("{\"web\":null,\"api\":1}")).images()).isEmpty();
	}

	@Test
	void addsAContainerAndKeepsTheOthersInThePatch() {
		RolledBack rolledBack = RolledBack.of(annotated("{\"api\":\"quay.io/acme/api:2.0.0\"}"))
			.with("web", "quay.io/acme/web:1.2.0");

		assertThat(JsonMapper.builder().build().readValue(rolledBack.json(), Map.class))
			.isEqualTo(Map.of("api", "quay.io/acme/api:2.0.0", "web", "quay.io/acme/web:1.2.0"));
	}

	private static Deployment annotated(String value) {
		return new DeploymentBuilder().withNewMetadata()
			.addToAnnotations(RolledBack.ANNOTATION, value)
			.endMetadata()
			.build();
	}

}
