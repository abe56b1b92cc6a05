package io.tagrelay.worker.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(WorkerConfiguration.class);

	@Test
	void refusesZeroApiAttemptsAndANonPositiveRequestTimeoutNamingTheKeys() {
		this.runner.withPropertyValues("tagrelay.cluster.retry.max-attempts=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.cluster.retry.maxAttempts"));
		this.runner.withPropertyValues("tagrelay.cluster.request-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.cluster.request-timeout"));
	}

	@Test
	void defaultsTheApiRetries() {
		this.runner.run((context) -> {
			ClusterProperties cluster = context.getBean(ClusterProperties.class);
			assertThat(cluster.requestTimeout()).hasSeconds(10);
			assertThat(cluster.retry().maxAttempts()).isEqualTo(5);
		});
	}

	@Test
	void refusesZeroWebhookAttemptsNamingTheKey() {
		this.runner.withPropertyValues("tagrelay.webhook.max-attempts=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.webhook.max-attempts"));
	}

	@Test
	void refusesANonPositiveWebhookTimeoutNamingTheKey() {
		this.runner.withPropertyValues("tagrelay.webhook.timeout=0s")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("tagrelay.webhook.timeout"));
	}

	@Test
	void bindsTheWebhookSecretWithoutShowingIt() {
		this.runner.withPropertyValues("tagrelay.webhook.secret=whsec_c2VjcmV0LXZhbHVl").run((context) -> {
			WebhookProperties webhook = context.getBean(WebhookProperties.class);
			assertThat(webhook.secret().matches("whsec_c2VjcmV0LXZhbHVl")).isTrue();
			assertThat(webhook.toString()).doesNotContain("c2VjcmV0LXZhbHVl");
		});
	}

}
