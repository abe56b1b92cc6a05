package io.tagrelay.model.target;

import java.net.URI;

import io.tagrelay.model.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UpdatekateSettingsTests {

	@Test
	void definesOneTargetThatSucceedsWhenAReplicaIsAvailable() {
		URI webhook = URI.create("https://ci.example.com/hook");
		Target target = new UpdatekateSettings("quay.io/acme/web", "web", "shop", webhook, true).target().orElseThrow();
		assertThat(target.repository()).isEqualTo("quay.io/acme/web");
		assertThat(target.namespace()).isEqualTo("shop");
		assertThat(target.deployment()).isEqualTo("web");
		assertThat(target.container()).isNull();
		assertThat(target.rollout().success()).isEqualTo(RolloutPolicy.Success.AVAILABLE);
		assertThat(target.rollout().maxAttempts()).isEqualTo(10);
		assertThat(target.tagPolicy()).isEqualTo(TagPolicy.defaults());
		assertThat(target.webhook().url()).isEqualTo(webhook);
	}

	@Test
	void defaultsTheNamespaceAndLeavesTheWebhookOff() {
		Target target = new UpdatekateSettings("quay.io/acme/web", "web", null, null, null).target().orElseThrow();
		assertThat(target.namespace()).isEqualTo("default");
		assertThat(target.webhook().enabled()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "null, null", "'', ''", "' ', null" })
	void definesNoTargetWhenNeitherIsSet(String repo, String deployment) {
		assertThat(new UpdatekateSettings(repo, deployment, "shop", null, true).target()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null",
			value = { "quay.io/acme/web, null", "quay.io/acme/web, ' '", "null, web", "'', web" })
	void rejectsOnlyOneOfRepoAndDeployment(String repo, String deployment) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new UpdatekateSettings(repo, deployment, null, null, null).target())
			.withMessageContaining("UK_REPO")
			.withMessageContaining("UK_DEPLOYMENT");
	}

	@Test
	void rejectsAnInvalidRepository() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new UpdatekateSettings("quay.io/acme/web:1", "web", null, null, null).target());
	}

}
