package io.tagrelay.charts;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FailGuardTests {

	@Test
	void refusesATargetWithoutRepository() {
		assertRefused(Map.of("targets[0].deployment", "web"), "targets[0] needs a repository");
	}

	@Test
	void refusesATargetWithoutDeployment() {
		assertRefused(Map.of("targets[0].repository", "quay.io/acme/web"), "targets[0] needs a deployment");
	}

	@Test
	void refusesTwoTargetsForTheSameContainer() {
		Map<String, Object> sets = new LinkedHashMap<>();
		sets.put("targets[0].repository", "quay.io/acme/web");
		sets.put("targets[0].deployment", "web");
		sets.put("targets[1].repository", "quay.io/acme/other");
		sets.put("targets[1].deployment", "web");
		sets.put("targets[1].namespace", "default");
		sets.put("targets[1].container", "app");
		assertRefused(sets, "targets[1] manages the same container as targets[0]");
	}

	@Test
	void refusesAnInstallWithoutAnyIngestToken() {
		assertRefused(Map.of("ingest.auth.generateToken", false), "no ingest token");
	}

	@Test
	void refusesHalfAnUpdatekateTarget() {
		assertRefused(Map.of("updatekate.repo", "quay.io/acme/web"), "updatekate.repo and updatekate.deployment");
	}

	@Test
	void refusesSaslWithoutMechanismOrJaasConfig() {
		assertRefused(Map.of("kafka.securityProtocol", "SASL_SSL"), "needs kafka.sasl.mechanism");
		assertRefused(Map.of("kafka.securityProtocol", "SASL_SSL", "kafka.sasl.mechanism", "PLAIN"),
				"needs kafka.sasl.jaasConfig.secretName");
	}

	@Test
	void refusesATokenWithACommaInside() {
		assertRefused(Map.of("ingest.auth.tokens[0]", "abcdefghij\\,klmnopqrst"), "must not contain commas");
	}

	@Test
	void theSchemaRefusesTypos() {
		assertRefused(Map.of("rbac.useClusterRoles", true), "useClusterRoles");
		assertRefused(Map.of("worker.watchScope", "cluster"), "watchScope");
		assertRefused(Map.of("targets[0].repository", "quay.io/acme/web", "targets[0].deployment", "web",
				"targets[0].tagPolicy.rang", "^1"), "rang");
		assertRefused(Map.of("kafka.securityProtocol", "SASL"), "securityProtocol");
		assertRefused(Map.of("targets[0].repository", "quay.io/acme/web:1.0", "targets[0].deployment", "web"),
				"repository");
		assertRefused(Map.of("targets[0].repository", "quay.io/acme/web", "targets[0].deployment", "web",
				"targets[0].registry.verify", "sometimes"), "verify");
		assertRefused(Map.of("targets[0].repository", "quay.io/acme/web", "targets[0].deployment", "web",
				"targets[0].scanInterval", "often"), "scanInterval");
		// the worker would refuse it at start-up: less than a second
		assertRefused(Map.of("targets[0].repository", "quay.io/acme/web", "targets[0].deployment", "web",
				"targets[0].scanInterval", "500ms"), "scanInterval");
		assertRefused(Map.of("worker.jvmOptions[0]", "Xmx256m"), "jvmOptions");
		assertRefused(Map.of("worker.registries[0].host", "https://quay.io"), "host");
	}

	private static void assertRefused(Map<String, Object> sets, String message) {
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.template(null, sets))
			.withMessageContaining(message);
	}

}
