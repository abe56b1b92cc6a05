package io.tagrelay.model.target;

import java.util.List;
import java.util.Optional;

import io.tagrelay.model.InvalidInputException;
import org.junit.jupiter.api.Test;

import static io.tagrelay.model.target.TargetTests.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TargetsTests {

	final Target webShop = target("quay.io/acme/web", "shop", "web", null);

	final Target webStaging = target("quay.io/acme/web", "staging", "web", "app");

	final Target api = target("quay.io/acme/api", "shop", "api", "api");

	@Test
	void findsEveryTargetOfARepository() {
		Targets targets = new Targets(List.of(this.webShop, this.webStaging, this.api), Optional.empty());
		assertThat(targets.forRepository("quay.io/acme/web")).containsExactly(this.webShop, this.webStaging);
		assertThat(targets.forRepository("quay.io/acme/api")).containsExactly(this.api);
		assertThat(targets.forRepository("quay.io/acme/other")).isEmpty();
		assertThat(targets.all()).hasSize(3);
		assertThat(targets.isEmpty()).isFalse();
	}

	@Test
	void findsTheTargetOfAContainer() {
		Targets targets = new Targets(List.of(this.webShop, this.webStaging, this.api), Optional.empty());
		assertThat(targets.find("shop", "web", "any")).contains(this.webShop);
		assertThat(targets.find("staging", "web", "app")).contains(this.webStaging);
		assertThat(targets.find("staging", "web", "sidecar")).isEmpty();
		assertThat(targets.find("shop", "api", "api")).contains(this.api);
		assertThat(targets.find("other", "web", "app")).isEmpty();
	}

	@Test
	void addsTheUpdatekateTarget() {
		Target uk = new UpdatekateSettings("quay.io/acme/uk", "uk", null, null, null).target().orElseThrow();
		Targets targets = new Targets(List.of(this.webShop), Optional.of(uk));
		assertThat(targets.all()).containsExactly(this.webShop, uk);
		assertThat(targets.forRepository("quay.io/acme/uk")).containsExactly(uk);
	}

	@Test
	void acceptsNoTargets() {
		assertThat(new Targets(null, Optional.empty()).isEmpty()).isTrue();
		assertThat(new Targets(List.of(), Optional.empty()).all()).isEmpty();
	}

	@Test
	void rejectsTwoTargetsForTheSameContainer() {
		Target same = target("quay.io/acme/other", "shop", "web", null);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new Targets(List.of(this.webShop, this.api, same), Optional.empty()))
			.withMessageContaining("tagrelay.targets[2]")
			.withMessageContaining("tagrelay.targets[0]");
	}

	@Test
	void rejectsANamedContainerInsideATargetForEveryContainer() {
		Target app = target("quay.io/acme/web", "shop", "web", "app");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new Targets(List.of(this.webShop, app), Optional.empty()));
	}

	@Test
	void rejectsAnUpdatekateTargetThatOverlapsAConfiguredOne() {
		Target uk = new UpdatekateSettings("quay.io/acme/web", "web", "shop", null, null).target().orElseThrow();
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new Targets(List.of(this.webShop), Optional.of(uk)));
	}

	@Test
	void allowsDifferentContainersOfOneDeployment() {
		Target app = target("quay.io/acme/web", "shop", "web", "app");
		Target sidecar = target("quay.io/acme/proxy", "shop", "web", "proxy");
		assertThat(new Targets(List.of(app, sidecar), Optional.empty()).find("shop", "web", "proxy")).contains(sidecar);
	}

	@Test
	void exposesAnUnmodifiableList() {
		Targets targets = new Targets(List.of(this.webShop), Optional.empty());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> targets.all().clear());
	}

}
