package io.tagrelay.model.target;

import java.time.Duration;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.image.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TargetTests {

	static Target target(String repository, String namespace, String deployment, String container) {
		return Target.of(repository, namespace, deployment, container);
	}

	@Test
	void defaultsNamespaceAndPolicies() {
		Target target = target("quay.io/acme/web", null, "web", null);
		assertThat(target.namespace()).isEqualTo("default");
		assertThat(target.container()).isNull();
		assertThat(target.tagPolicy()).isEqualTo(new TagPolicy("*", false));
		assertThat(target.rollout().success()).isEqualTo(RolloutPolicy.Success.COMPLETE);
		assertThat(target.rollout().maxAttempts()).isEqualTo(10);
		assertThat(target.rollout().initialInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(target.rollout().multiplier()).isEqualTo(1.5);
		assertThat(target.rollout().maxInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(target.rollout().rollbackOnFailure()).isFalse();
		assertThat(target.webhook().enabled()).isFalse();
	}

	@Test
	void treatsBlankNamespaceAndContainerAsUnset() {
		Target target = target("quay.io/acme/web", " ", "web", "");
		assertThat(target.namespace()).isEqualTo("default");
		assertThat(target.container()).isNull();
	}

	@Test
	void normalisesTheRepository() {
		assertThat(target(" nginx ", "shop", "web", null).repository()).isEqualTo("docker.io/library/nginx");
		assertThat(target("Quay.io/acme/web", "shop", "web", null).repository()).isEqualTo("quay.io/acme/web");
		assertThat(target("quay.io/acme/web", "shop", "web", null).repositoryReference())
			.isEqualTo(ImageReference.parseRepository("quay.io/acme/web"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "quay.io/acme/web:1.0", "quay.io/Acme/web", "quay.io/acme/web/", "not a repo" })
	void rejectsAnInvalidRepository(String repository) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> target(repository, "shop", "web", null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Shop", "shop_1", "-shop", "a.b" })
	void rejectsAnInvalidNamespace(String namespace) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> target("quay.io/acme/web", namespace, "web", null))
			.withMessageContaining("namespace");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Web", "web_1", "web.", "web/x" })
	void rejectsAnInvalidDeployment(String deployment) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> target("quay.io/acme/web", "shop", deployment, null))
			.withMessageContaining("deployment");
	}

	@ParameterizedTest
	@ValueSource(strings = { "App", "app.v1", "app_1" })
	void rejectsAnInvalidContainer(String container) {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> target("quay.io/acme/web", "shop", "web", container))
			.withMessageContaining("container");
	}

	@Test
	void requireOwnImageAcceptsTheSameRepositoryWithATagOrDigest() {
		Target target = target("quay.io/acme/web", "shop", "web", null);
		assertThat(target.requireOwnImage("quay.io/acme/web:1.2.3").tag()).isEqualTo("1.2.3");
		String digest = "sha256:" + "b".repeat(64);
		assertThat(target.requireOwnImage("quay.io/acme/web@" + digest).digest()).isEqualTo(digest);
		Target hub = target("nginx", "shop", "web", null);
		assertThat(hub.requireOwnImage("docker.io/library/nginx:1.25").repository())
			.isEqualTo("docker.io/library/nginx");
		assertThat(hub.requireOwnImage("nginx:1.25").tag()).isEqualTo("1.25");
	}

	@ParameterizedTest
	@ValueSource(strings = { "quay.io/acme/other:1.0", "quay.io/acme/web2:1.0", "quay.io/acme/web/x:1.0",
			"docker.io/acme/web:1.0", "acme/web:1.0", "evil.io/acme/web:1.0", "quay.io:443/acme/web:1.0" })
	void requireOwnImageRejectsAnotherRepository(String image) {
		Target target = target("quay.io/acme/web", "shop", "web", null);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> target.requireOwnImage(image))
			.withMessageContaining("not from this target's repository");
	}

	@Test
	void requireOwnImageRejectsAnImageWithoutTagOrDigest() {
		Target target = target("quay.io/acme/web", "shop", "web", null);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> target.requireOwnImage("quay.io/acme/web"))
			.withMessageContaining("neither a tag nor a digest");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "quay.io/acme/web:", "quay.io/acme/web:1.0;reboot", "quay.io/acme/web:1.0:2" })
	void requireOwnImageRejectsAnInvalidImage(String image) {
		Target target = target("quay.io/acme/web", "shop", "web", null);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> target.requireOwnImage(image));
	}

	@Test
	void coversItsContainerOrEveryContainerWhenNoneIsNamed() {
		Target all = target("quay.io/acme/web", "shop", "web", null);
		assertThat(all.covers("shop", "web", "anything")).isTrue();
		assertThat(all.covers("other", "web", "app")).isFalse();
		assertThat(all.covers("shop", "api", "app")).isFalse();
		Target one = target("quay.io/acme/web", "shop", "web", "app");
		assertThat(one.covers("shop", "web", "app")).isTrue();
		assertThat(one.covers("shop", "web", "sidecar")).isFalse();
	}

	@Test
	void tagPolicyDefaultsToAnyRange() {
		assertThat(new TagPolicy(null, true).range()).isEqualTo("*");
		assertThat(new TagPolicy(" ", false).range()).isEqualTo("*");
		assertThat(new TagPolicy(" ^1.2 ", false).range()).isEqualTo("^1.2");
	}

}
