package io.tagrelay.worker.patch;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RolledBackTests {

	@Test
	void keepsTheFailedImageOfEachContainerUnderItsOwnAnnotation() {
		Deployment deployment = new DeploymentBuilder().withNewMetadata()
			.addToAnnotations("web.tagrelay.io/rolled-back", "quay.io/acme/web:1.2.0")
			.addToAnnotations("api.tagrelay.io/rolled-back", "quay.io/acme/api:2.0.0")
			.endMetadata()
			.build();

		assertThat(RolledBack.of(deployment, "web")).contains("quay.io/acme/web:1.2.0");
		assertThat(RolledBack.of(deployment, "api")).contains("quay.io/acme/api:2.0.0");
		assertThat(RolledBack.of(deployment, "proxy")).isEmpty();
		assertThat(RolledBack.of(new DeploymentBuilder().withNewMetadata().endMetadata().build(), "web")).isEmpty();
	}

}
