package io.tagrelay.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KubernetesNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "default", "kube-system", "web-1", "0", "a1b2" })
	void acceptsDns1123Labels(String name) {
		assertThat(KubernetesNames.isLabel(name)).isTrue();
		assertThat(KubernetesNames.requireNamespace(name)).isEqualTo(name);
		assertThat(KubernetesNames.requireContainer(name)).isEqualTo(name);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "Web", "-web", "web-", "web.app", "web_app", "web app", "wéb", "web\n" })
	void rejectsOtherLabels(String name) {
		assertThat(KubernetesNames.isLabel(name)).isFalse();
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> KubernetesNames.requireNamespace(name))
			.withMessageContaining("namespace");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> KubernetesNames.requireContainer(name))
			.withMessageContaining("container");
	}

	@Test
	void limitsALabelTo63Characters() {
		assertThat(KubernetesNames.isLabel("a".repeat(63))).isTrue();
		assertThat(KubernetesNames.isLabel("a".repeat(64))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "web", "web.v2", "a.b.c", "my-app.prod-1" })
	void acceptsDns1123Subdomains(String name) {
		assertThat(KubernetesNames.isSubdomain(name)).isTrue();
		assertThat(KubernetesNames.requireDeployment(name)).isEqualTo(name);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { ".web", "web.", "web..app", "Web", "web_app", "web/app", "-web.app", "web.-app" })
	void rejectsOtherSubdomains(String name) {
		assertThat(KubernetesNames.isSubdomain(name)).isFalse();
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> KubernetesNames.requireDeployment(name))
			.withMessageContaining("deployment");
	}

	@Test
	void limitsASubdomainTo253Characters() {
		String name253 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
		assertThat(name253).hasSize(253);
		assertThat(KubernetesNames.isSubdomain(name253)).isTrue();
		assertThat(KubernetesNames.isSubdomain(name253 + "d")).isFalse();
	}

	@Test
	void quotesARejectedNameSafely() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> KubernetesNames.requireDeployment("web\r\nevil"))
			.withMessageNotContaining("\n");
	}

}
