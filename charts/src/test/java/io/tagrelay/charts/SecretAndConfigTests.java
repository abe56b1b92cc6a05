package io.tagrelay.charts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.tagrelay.charts.RenderedChart.at;
import static io.tagrelay.charts.RenderedChart.container;
import static io.tagrelay.charts.RenderedChart.env;
import static io.tagrelay.charts.RenderedChart.list;
import static io.tagrelay.charts.RenderedChart.map;
import static io.tagrelay.charts.RenderedChart.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

class SecretAndConfigTests {

	static final List<String> SECRET_VALUES = List.of("first-token-0123456789", "second-token-0123456789",
			"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

	@Test
	void keepsTokensAndSigningSecretInTheSecretOnly() {
		RenderedChart chart = RenderedChart.multiNamespace();
		Map<String, Object> data = map(chart.get("Secret", "relay-tagrelay"), "data");
		assertThat(decode(data.get("TAGRELAY_INGEST_TOKENS")))
			.isEqualTo("first-token-0123456789,second-token-0123456789");
		assertThat(decode(data.get("TAGRELAY_WEBHOOK_SECRET"))).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
		String everythingButTheSecret = chart.matching((d) -> !"Secret".equals(d.get("kind"))).toString();
		assertThat(everythingButTheSecret).doesNotContain(SECRET_VALUES);
		assertThat(env(chart.ingest()).get("TAGRELAY_INGEST_TOKENS")).containsEntry("valueFrom",
				Map.of("secretKeyRef", Map.of("name", "relay-tagrelay", "key", "TAGRELAY_INGEST_TOKENS")));
		assertThat(at(env(chart.worker()).get("TAGRELAY_WEBHOOK_SECRET"), "valueFrom", "secretKeyRef", "name"))
			.isEqualTo("relay-tagrelay");
		assertThat(env(chart.worker())).doesNotContainKey("TAGRELAY_INGEST_TOKENS");
		assertThat(env(chart.ingest())).doesNotContainKey("TAGRELAY_WEBHOOK_SECRET");
	}

	@Test
	void putsTargetsInTheConfigMapAndTheirWebhookUrlsOnlyInTheWorkersSecret() {
		RenderedChart chart = RenderedChart.multiNamespace();
		Map<String, Object> shared = chart.configFile("application.yaml");
		Map<String, Object> web = Map.of("repository", "quay.io/acme/web", "namespace", "shop", "deployment", "web",
				"container", "app", "tag-policy", Map.of("range", "^1.2", "include-prereleases", false), "rollout",
				Map.of("success", "complete", "max-attempts", 12, "initial-interval", "2s", "multiplier", 2,
						"max-interval", "1m", "rollback-on-failure", true));
		Map<String, Object> api = Map.of("repository", "quay.io/acme/api", "namespace", "shop", "deployment", "api");
		assertThat(list(shared, "tagrelay", "targets")).startsWith(web, api);
		assertThat(chart.configMap().toString()).doesNotContain("ci.example.com");
		Map<String, Object> webWithUrl = new HashMap<>(web);
		webWithUrl.put("webhook", Map.of("url", "https://ci.example.com/hooks/web"));
		assertThat(list(chart.workerSecretFile(), "tagrelay", "targets")).startsWith(webWithUrl, api)
			.hasSameSizeAs(list(shared, "tagrelay", "targets"));
		assertThat(at(chart.configFile("ingest.yaml"), "tagrelay", "ingest", "info", "enabled")).isEqualTo(true);
		assertThat(at(chart.configFile("worker.yaml"), "tagrelay", "webhook", "max-attempts")).isEqualTo(8);
		assertThat(env(chart.ingest()).get("SPRING_CONFIG_ADDITIONAL_LOCATION")).containsEntry("value",
				"file:/etc/tagrelay/config/application.yaml,file:/etc/tagrelay/config/ingest.yaml");
		assertThat(env(chart.worker()).get("SPRING_CONFIG_ADDITIONAL_LOCATION")).containsEntry("value",
				"file:/etc/tagrelay/config/application.yaml,file:/etc/tagrelay/config/worker.yaml,"
						+ "file:/etc/tagrelay/secret/targets.yaml");
	}

	@Test
	void rendersTheTargetsRegistrySettings() {
		RenderedChart chart = RenderedChart.multiNamespace();

		assertThat(list(chart.configFile("application.yaml"), "tagrelay", "targets").get(2))
			.containsEntry("registry", Map.of("verify", "required"))
			.containsEntry("track-digest", true)
			.containsEntry("scan-interval", "5m");
		assertThat(list(chart.workerSecretFile(), "tagrelay", "targets").get(2)).containsEntry("scan-interval", "5m");
	}

	@Test
	void keepsRegistryCredentialsInTheWorkersSecretOnly() {
		RenderedChart chart = RenderedChart.multiNamespace();

		assertThat(list(chart.workerSecretFile(), "tagrelay", "registries")).containsExactly(Map.of("host",
				"registry.example:5000", "insecure", true, "username", "relay", "password", "registry-password-0123"),
				Map.of("host", "ghcr.io", "token", "ghp_registrytoken0123"));
		assertThat(at(chart.workerSecretFile(), "tagrelay", "registries-docker-config"))
			.isEqualTo("/etc/tagrelay/registries/.dockerconfigjson");
		assertThat(chart.configMap().toString()).doesNotContain("registry-password-0123", "ghp_registrytoken0123");
		assertThat(chart.ingest().toString()).doesNotContain("registry-password-0123", "ghp_registrytoken0123",
				"pull-secret");
		assertThat(list(podSpec(chart.worker()), "volumes")).anySatisfy((volume) -> {
			assertThat(volume).containsEntry("name", "registries-docker-config");
			assertThat(at(volume, "secret", "secretName")).isEqualTo("pull-secret");
		});
		assertThat(list(container(chart.worker()), "volumeMounts")).contains(
				Map.of("name", "registries-docker-config", "mountPath", "/etc/tagrelay/registries", "readOnly", true));
	}

	@Test
	void rollsTheWorkerWhenARegistryPasswordChanges() {
		Map<String, Object> before = Map.of("worker.registries[0].host", "quay.io", "worker.registries[0].username",
				"relay", "worker.registries[0].password", "first-password");
		Map<String, Object> rotated = new HashMap<>(before);
		rotated.put("worker.registries[0].password", "second-password");

		assertThat(at(RenderedChart.with(before).worker(), "spec", "template", "metadata", "annotations",
				"checksum/worker-secret"))
			.isNotEqualTo(at(RenderedChart.with(rotated).worker(), "spec", "template", "metadata", "annotations",
					"checksum/worker-secret"));
	}

	@Test
	void givesTheUpdatekateWebhookToTheWorkerOnlyFromItsSecret() {
		RenderedChart chart = RenderedChart.with(Map.of("updatekate.repo", "quay.io/acme/web", "updatekate.deployment",
				"web", "updatekate.webhook", "https://user:pass@ci.example.com/hook"));
		assertThat(at(env(chart.worker()).get("UK_WEBHOOK"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "relay-tagrelay-worker", "key", "UK_WEBHOOK"));
		assertThat(at(chart.get("Secret", "relay-tagrelay-worker"), "stringData", "UK_WEBHOOK"))
			.isEqualTo("https://user:pass@ci.example.com/hook");
		assertThat(env(chart.ingest())).doesNotContainKey("UK_WEBHOOK").containsKey("UK_REPO");
		assertThat(chart.configMap().toString()).doesNotContain("ci.example.com");
	}

	@Test
	void rollsThePodsWhenASecretChanges() {
		Map<String, Object> before = Map.of("ingest.auth.tokens[0]", "first-token-0123456789", "ingest.auth.tokens[1]",
				"second-token-0123456789", "worker.webhook.secret", "whsec_a");
		Map<String, Object> revoked = Map.of("ingest.auth.tokens[0]", "first-token-0123456789", "worker.webhook.secret",
				"whsec_a");
		Map<String, Object> newUrl = new HashMap<>(before);
		newUrl.put("updatekate.repo", "quay.io/acme/web");
		newUrl.put("updatekate.deployment", "web");
		newUrl.put("updatekate.webhook", "https://ci.example.com/hook");

		assertThat(secretChecksum(RenderedChart.with(before).ingest()))
			.isEqualTo(secretChecksum(RenderedChart.with(before).ingest()))
			.isNotEqualTo(secretChecksum(RenderedChart.with(revoked).ingest()));
		assertThat(secretChecksum(RenderedChart.with(before).worker()))
			.isNotEqualTo(secretChecksum(RenderedChart.with(revoked).worker()));
		assertThat(at(RenderedChart.with(before).worker(), "spec", "template", "metadata", "annotations",
				"checksum/worker-secret"))
			.isNotEqualTo(at(RenderedChart.with(newUrl).worker(), "spec", "template", "metadata", "annotations",
					"checksum/worker-secret"));
	}

	private static Object secretChecksum(Map<String, Object> deployment) {
		Object checksum = at(deployment, "spec", "template", "metadata", "annotations", "checksum/secret");
		assertThat(checksum).asString().matches("[0-9a-f]{64}");
		return checksum;
	}

	@Test
	void rendersNoSecretWhenAnExistingOneIsNamed() {
		RenderedChart chart = RenderedChart.render(RenderedChart.MULTI_NAMESPACE_VALUES,
				Map.of("secrets.existingSecret", "relay-credentials"));
		assertThat(chart.ofKind("Secret")).extracting((secret) -> at(secret, "metadata", "name"))
			.containsExactly("relay-tagrelay-worker");
		assertThat(chart.all().toString()).doesNotContain(SECRET_VALUES);
		assertThat(at(env(chart.ingest()).get("TAGRELAY_INGEST_TOKENS"), "valueFrom", "secretKeyRef", "name"))
			.isEqualTo("relay-credentials");
		assertThat(at(env(chart.worker()).get("TAGRELAY_WEBHOOK_SECRET"), "valueFrom", "secretKeyRef", "name"))
			.isEqualTo("relay-credentials");
	}

	@Test
	void generatesATokenWhenNoneIsGiven() {
		RenderedChart chart = RenderedChart.defaults();
		String token = decode(at(chart.get("Secret", "relay-tagrelay"), "data", "TAGRELAY_INGEST_TOKENS"));
		assertThat(token).hasSize(40).matches("[A-Za-z0-9]+");
		assertThat(chart.all().toString()).doesNotContain(token);
		assertThat(env(chart.worker())).doesNotContainKey("TAGRELAY_WEBHOOK_SECRET");
	}

	@Test
	void passesNoTokenWhenAuthenticationIsDisabled() {
		RenderedChart chart = RenderedChart.with(Map.of("ingest.auth.disabled", true));
		assertThat(env(chart.ingest())).doesNotContainKey("TAGRELAY_INGEST_TOKENS");
		assertThat(at(chart.configFile("ingest.yaml"), "tagrelay", "ingest", "auth", "disabled")).isEqualTo(true);
	}

	@Test
	void letsTheServicesCreateMissingTopicsUnlessToldNotTo() {
		for (Map<String, Object> deployment : RenderedChart.multiNamespace().ofKind("Deployment")) {
			assertThat(env(deployment).get("TAGRELAY_KAFKA_CREATETOPICS")).containsEntry("value", "true");
		}
		RenderedChart chart = RenderedChart.render(RenderedChart.MULTI_NAMESPACE_VALUES,
				Map.of("kafka.createTopics", "false"));
		for (Map<String, Object> deployment : chart.ofKind("Deployment")) {
			assertThat(env(deployment).get("TAGRELAY_KAFKA_CREATETOPICS")).containsEntry("value", "false");
		}
	}

	@Test
	void connectsToKafkaWithSaslAndTlsFromSecrets() {
		RenderedChart chart = RenderedChart.multiNamespace();
		for (Map<String, Object> deployment : chart.ofKind("Deployment")) {
			Map<String, Map<String, Object>> env = env(deployment);
			assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).containsEntry("value",
					"my-cluster-kafka-bootstrap.kafka:9093");
			assertThat(env.get("SPRING_KAFKA_SECURITY_PROTOCOL")).containsEntry("value", "SASL_SSL");
			assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).containsEntry("value", "SCRAM-SHA-512");
			assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).containsEntry("valueFrom",
					Map.of("secretKeyRef", Map.of("name", "tagrelay-kafka-user", "key", "sasl.jaas.config")));
			assertThat(env.get("SPRING_KAFKA_SSL_TRUSTSTORELOCATION")).containsEntry("value",
					"file:/etc/tagrelay/kafka-truststore/ca.p12");
			assertThat(at(env.get("SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD"), "valueFrom", "secretKeyRef", "key"))
				.isEqualTo("ca.password");
		}
		Map<String, Map<String, Object>> plain = env(RenderedChart.defaults().ingest());
		assertThat(plain.get("SPRING_KAFKA_SECURITY_PROTOCOL")).containsEntry("value", "PLAINTEXT");
		assertThat(plain).doesNotContainKeys("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
				"SPRING_KAFKA_SSL_TRUSTSTORELOCATION");
	}

	private static String decode(Object base64) {
		return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
	}

}
