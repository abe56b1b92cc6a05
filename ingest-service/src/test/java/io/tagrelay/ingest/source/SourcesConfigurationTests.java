package io.tagrelay.ingest.source;

import java.util.Arrays;

import io.tagrelay.ingest.config.IngestConfiguration;
import io.tagrelay.model.source.Source;
import io.tagrelay.support.kafka.KafkaSupportConfiguration;
import io.tagrelay.support.targets.TargetsConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SourcesConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TargetsConfiguration.class, KafkaSupportConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(IngestConfiguration.class, SourcesConfiguration.class)
		.withPropertyValues("tagrelay.ingest.tokens=s3cret");

	@Test
	void turnsOnEverySourceThatCanSendATokenAndNeitherGithubNorArtifactRegistryByDefault() {
		this.runner.run((context) -> {
			WebhookSources sources = context.getBean(WebhookSources.class);
			assertThat(Arrays.stream(Source.values()).filter(sources::isOn)).containsExactly(Source.QUAY,
					Source.DOCKERHUB, Source.HARBOR, Source.DISTRIBUTION, Source.ACR, Source.ECR, Source.GENERIC);
			assertThat(sources.whyOff(Source.GITHUB)).contains("tagrelay.ingest.sources.github.secret");
			assertThat(sources.whyOff(Source.ARTIFACT_REGISTRY))
				.contains("tagrelay.ingest.sources.artifact-registry.audience")
				.contains("tagrelay.ingest.sources.artifact-registry.service-account");
		});
	}

	@Test
	void turnsGithubOnWithItsSecretAndArtifactRegistryWithAudienceAndServiceAccount() {
		this.runner
			.withPropertyValues("tagrelay.ingest.sources.github.secret=gh-s3cret",
					"tagrelay.ingest.sources.artifact-registry.audience=https://ingest.example.com",
					"tagrelay.ingest.sources.artifact-registry.service-account=pusher@acme.iam.gserviceaccount.com")
			.run((context) -> {
				WebhookSources sources = context.getBean(WebhookSources.class);
				assertThat(sources.isOn(Source.GITHUB)).isTrue();
				assertThat(sources.isOn(Source.ARTIFACT_REGISTRY)).isTrue();
			});
	}

	@Test
	void turnsASourceOffThatIsNotEnabled() {
		this.runner
			.withPropertyValues("tagrelay.ingest.sources.harbor.enabled=false",
					"tagrelay.ingest.sources.github.enabled=false", "tagrelay.ingest.sources.github.secret=gh-s3cret")
			.run((context) -> {
				WebhookSources sources = context.getBean(WebhookSources.class);
				assertThat(sources.whyOff(Source.HARBOR)).isEqualTo("tagrelay.ingest.sources.harbor.enabled is false");
				assertThat(sources.isOn(Source.GITHUB)).isFalse();
				assertThat(sources.isOn(Source.QUAY)).isTrue();
			});
	}

	@Test
	void defaultsToGooglesKeysAndIssuerAndToTheApiKeyHeaderOfEventBridge() {
		this.runner.run((context) -> {
			SourcesProperties sources = context.getBean(SourcesProperties.class);
			assertThat(sources.artifactRegistry().jwksUri()).hasToString("https://www.googleapis.com/oauth2/v3/certs");
			assertThat(sources.artifactRegistry().issuer()).isEqualTo("https://accounts.google.com");
			assertThat(sources.ecr().header()).isEqualTo("x-api-key");
			assertThat(sources.quay().tokens()).isEmpty();
		});
	}

	@Test
	void replacesThePayloadsHostWithTheConfiguredRegistryHost() {
		this.runner.withPropertyValues("tagrelay.ingest.sources.distribution.registry-host=Registry.Example.com:5000")
			.run((context) -> {
				WebhookSources sources = context.getBean(WebhookSources.class);
				assertThat(sources.repository(Source.DISTRIBUTION, "registry.internal:5000/acme/web"))
					.isEqualTo("registry.example.com:5000/acme/web");
				assertThat(sources.repository(Source.DOCKERHUB, "docker.io/library/nginx"))
					.isEqualTo("docker.io/library/nginx");
			});
	}

	@Test
	void refusesToStartWithARegistryHostThatIsNoHost() {
		for (String host : new String[] { "acme", "registry.example.com/acme", "https://registry.example.com",
				"registry.example.com:port" }) {
			this.runner.withPropertyValues("tagrelay.ingest.sources.harbor.registry-host=" + host)
				.run((context) -> assertThat(context).getFailure()
					.hasStackTraceContaining("tagrelay.ingest.sources.harbor.registry-host"));
		}
	}

	@Test
	void refusesToStartWithAnAudienceWithoutServiceAccountOrTheOtherWayRound() {
		this.runner.withPropertyValues("tagrelay.ingest.sources.artifact-registry.audience=https://ingest.example.com")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.sources.artifact-registry.service-account"));
		this.runner
			.withPropertyValues(
					"tagrelay.ingest.sources.artifact-registry.service-account=pusher@acme.iam.gserviceaccount.com")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.sources.artifact-registry.audience"));
	}

	@Test
	void refusesToStartWithAJwksUriThatIsNotHttp() {
		this.runner.withPropertyValues("tagrelay.ingest.sources.artifact-registry.jwks-uri=file:///etc/keys.json")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.sources.artifact-registry.jwks-uri"));
	}

	@Test
	void refusesToStartWithAnApiKeyHeaderThatIsNoHeaderName() {
		this.runner.withPropertyValues("tagrelay.ingest.sources.ecr.header=x api key")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.sources.ecr.header"));
	}

	@Test
	void refusesToStartWithABlankSecret() {
		this.runner.withPropertyValues("tagrelay.ingest.sources.github.secret= ")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.sources.github.secret"));
	}

	@Test
	void logsWhichWebhooksAreOnWithoutTheirSecrets(CapturedOutput output) {
		this.runner
			.withPropertyValues("tagrelay.ingest.sources.github.secret=gh-s3cret-value",
					"tagrelay.ingest.sources.harbor.tokens=harbor-t0ken,second-harbor-t0ken")
			.run((context) -> {
				SourcesProperties sources = context.getBean(SourcesProperties.class);
				assertThat(output.getAll()).contains("Webhooks on: quay (the ingest tokens)")
					.contains("harbor (2 token(s) of its own)")
					.contains("github (signed with the secret)")
					.contains("off: artifact-registry")
					.doesNotContain("gh-s3cret-value")
					.doesNotContain("harbor-t0ken");
				assertThat(sources.toString()).doesNotContain("gh-s3cret-value").doesNotContain("harbor-t0ken");
			});
	}

}
