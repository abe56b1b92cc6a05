package io.tagrelay.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KnownConfigurationKeysTests {

	@TempDir
	Path root;

	@Test
	void prefersTheServicesConfigurationMetadata() throws IOException {
		metadata("ingest-service", """
				{"groups":[],"properties":[
				 {"name":"tagrelay.ingest.tokens","type":"java.util.List<io.tagrelay.model.Secret>"},
				 {"name":"tagrelay.targets","type":"java.util.List<io.tagrelay.model.target.Target>"},
				 {"name":"tagrelay.ingest.labels","type":"java.util.Map<java.lang.String,java.lang.String>"},
				 {"name":"server.port","type":"java.lang.Integer"}]}
				""");
		metadata("deploy-worker", """
				{"properties":[{"name":"tagrelay.webhook.secret","type":"io.tagrelay.model.Secret"}]}
				""");
		KnownConfigurationKeys known = KnownConfigurationKeys.load(this.root);
		assertThat(known.sources().values())
			.allMatch((source) -> source.endsWith("spring-configuration-metadata.json"));
		assertThat(known.isKnownEnvironmentVariable("TAGRELAY_INGEST_TOKENS")).isTrue();
		assertThat(known.isKnownEnvironmentVariable("TAGRELAY_INGEST_TOKEN")).isFalse();
		assertThat(known.isKnownEnvironmentVariable("TAGRELAY_WEBHOOK_SECRET")).isTrue();
		assertThat(known.isKnownKey("tagrelay.targets[1].rollout.max-interval")).isTrue();
		assertThat(known.isKnownKey("tagrelay.targets[1].rollout.maxinterval")).isFalse();
		assertThat(known.isKnownKey("tagrelay.ingest.labels.team")).isTrue();
		assertThat(known.isKnownEnvironmentVariable("TAGRELAY_INGEST_LABELS_TEAM")).isTrue();
		// only what the metadata lists: the contracts are not consulted
		assertThat(known.isKnownKey("tagrelay.ingest.wait-timeout")).isFalse();
	}

	@Test
	void fallsBackToTheContractsForAServiceNotBuiltYet() throws IOException {
		Files.createDirectories(this.root.resolve("docs"));
		Files.writeString(this.root.resolve("docs/contracts.md"), """
				| property | default |
				|---|---|
				| `tagrelay.kafka.topics.events` | `tagrelay.events` |
				- `tagrelay.targets[n]` binds to `io.tagrelay.model.target.Target` (`repository`, ...).
				- `tagrelay.ingest.max-body-size` (64KB)
				""");
		KnownConfigurationKeys known = KnownConfigurationKeys.load(this.root);
		assertThat(known.sources().values()).allMatch((source) -> source.startsWith("docs/contracts.md"));
		assertThat(known.isKnownKey("tagrelay.kafka.topics.events")).isTrue();
		assertThat(known.isKnownKey("tagrelay.events")).isFalse();
		assertThat(known.isKnownKey("tagrelay.targets[0].tag-policy.include-prereleases")).isTrue();
		assertThat(known.isKnownEnvironmentVariable("TAGRELAY_INGEST_MAXBODYSIZE")).isTrue();
		assertThat(known.isKnownEnvironmentVariable("TAGRELAY_TARGETS_12_ROLLOUT_ROLLBACKONFAILURE")).isTrue();
	}

	private void metadata(String service, String json) throws IOException {
		Path file = this.root.resolve(service).resolve(KnownConfigurationKeys.METADATA);
		Files.createDirectories(file.getParent());
		Files.writeString(file, json);
	}

}
