package io.tagrelay.worker.config;

import java.util.ArrayList;
import java.util.List;

import io.tagrelay.model.target.RolloutPolicy;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WorkerConfiguration.class);

	@Test
	void buildsTheUpdatekateTargetFromUkPropertiesAlone() {
		this.runner.withPropertyValues("uk.repo=quay.io/acme/web", "uk.deployment=web", "uk.webhook=http://hooks/x")
			.run((context) -> assertThat(context.getBean(Targets.class).all()).singleElement().satisfies((target) -> {
				assertThat(target.namespace()).isEqualTo("default");
				assertThat(target.rollout().success()).isEqualTo(RolloutPolicy.Success.AVAILABLE);
				assertThat(target.webhook().url()).hasToString("http://hooks/x");
			}));
	}

	@Test
	void combinesConfiguredTargetsWithTheUpdatekateTarget() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/api", "tagrelay.targets[0].deployment=api",
					"tagrelay.targets[0].tag-policy.range=^2.0.0", "tagrelay.targets[0].rollout.max-attempts=4",
					"tagrelay.targets[0].rollout.initial-interval=10ms", "uk.repo=quay.io/acme/web",
					"uk.deployment=web")
			.run((context) -> {
				List<Target> all = context.getBean(Targets.class).all();
				assertThat(all).extracting(Target::repository).containsExactly("quay.io/acme/api", "quay.io/acme/web");
				assertThat(all.get(0).tagPolicy().range()).isEqualTo("^2.0.0");
				assertThat(all.get(0).rollout().maxAttempts()).isEqualTo(4);
			});
	}

	@Test
	void refusesATargetWithoutRepositoryNamingTheKey() {
		this.runner.withPropertyValues("tagrelay.targets[0].deployment=web")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.targets[0].repository"));
	}

	@Test
	void refusesARangeThatIsNotSemverNamingTheKey() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].deployment=web",
					"tagrelay.targets[0].tag-policy.range=newest please")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.targets[0].tag-policy.range"));
	}

	@Test
	void refusesTooManyRolloutAttemptsNamingTheKey() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].deployment=web",
					"tagrelay.targets[0].rollout.max-attempts=0")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.targets[0].rollout.maxAttempts"));
	}

	@Test
	void refusesUkRepoWithoutUkDeployment() {
		this.runner.withPropertyValues("uk.repo=quay.io/acme/web")
			.run((context) -> assertThat(failure(context)).contains("UK_REPO and UK_DEPLOYMENT must be set together"));
	}

	@Test
	void refusesZeroApiAttemptsAndANonPositiveRequestTimeoutNamingTheKeys() {
		this.runner.withPropertyValues("tagrelay.cluster.retry.max-attempts=0")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.cluster.retry.maxAttempts"));
		this.runner.withPropertyValues("tagrelay.cluster.request-timeout=0s")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.cluster.request-timeout"));
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
			.run((context) -> assertThat(failure(context)).contains("tagrelay.webhook.max-attempts"));
	}

	@Test
	void refusesANonPositiveWebhookTimeoutNamingTheKey() {
		this.runner.withPropertyValues("tagrelay.webhook.timeout=0s")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.webhook.timeout"));
	}

	@Test
	void bindsTheWebhookSecretWithoutShowingIt() {
		this.runner.withPropertyValues("tagrelay.webhook.secret=whsec_c2VjcmV0LXZhbHVl").run((context) -> {
			WebhookProperties webhook = context.getBean(WebhookProperties.class);
			assertThat(webhook.secret().matches("whsec_c2VjcmV0LXZhbHVl")).isTrue();
			assertThat(webhook.toString()).doesNotContain("c2VjcmV0LXZhbHVl");
		});
	}

	@Test
	void defaultsTheTopicNamesOfTheContract() {
		this.runner.run((context) -> {
			TopicsProperties.Topics topics = context.getBean(TopicsProperties.class).topics();
			assertThat(topics).isEqualTo(new TopicsProperties.Topics("tagrelay.events", "tagrelay.events.dlt",
					"tagrelay.results", "tagrelay.state", "tagrelay.webhooks.dlt"));
		});
	}

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		List<String> messages = new ArrayList<>();
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			messages.add(cause.getMessage());
		}
		return String.join("\n", messages);
	}

}
