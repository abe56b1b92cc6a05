package io.tagrelay.ingest.config;

import io.tagrelay.support.kafka.KafkaSupportConfiguration;
import io.tagrelay.support.targets.TargetsConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class IngestConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TargetsConfiguration.class, KafkaSupportConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(IngestConfiguration.class);

	final ApplicationContextRunner withToken = this.runner.withPropertyValues("tagrelay.ingest.tokens=s3cret");

	@Test
	void refusesToStartWithoutAToken() {
		this.runner.withPropertyValues("uk.repo=quay.io/acme/web", "uk.deployment=web")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.tokens")
				.hasStackTraceContaining("TAGRELAY_INGEST_TOKENS"));
	}

	@Test
	void startsWithoutATokenWhenAProxyAuthenticates() {
		this.runner.withPropertyValues("tagrelay.ingest.auth.disabled=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void bindsCommaSeparatedTokensWithoutShowingThem() {
		this.runner.withPropertyValues("tagrelay.ingest.tokens=first,second").run((context) -> {
			IngestProperties properties = context.getBean(IngestProperties.class);
			assertThat(properties.tokens()).hasSize(2);
			assertThat(properties.tokens().get(1).matches("second")).isTrue();
			assertThat(properties.toString()).doesNotContain("first").doesNotContain("second");
		});
	}

	@Test
	void refusesNonPositiveEnqueueTimeout() {
		this.withToken.withPropertyValues("tagrelay.ingest.enqueue-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.enqueue-timeout"));
	}

	@Test
	void keepsInfoOffByDefault() {
		this.withToken.run((context) -> assertThat(context.getBean(InfoSwitch.class).enabled()).isFalse());
	}

	@Test
	void turnsInfoOnWithUkInfoOrTheTagrelayKey() {
		this.withToken.withPropertyValues("uk.info=true")
			.run((context) -> assertThat(context.getBean(InfoSwitch.class).enabled()).isTrue());
		this.withToken.withPropertyValues("tagrelay.ingest.info.enabled=true")
			.run((context) -> assertThat(context.getBean(InfoSwitch.class).enabled()).isTrue());
	}

}
