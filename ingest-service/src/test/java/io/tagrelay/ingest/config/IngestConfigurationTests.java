package io.tagrelay.ingest.config;

import java.util.ArrayList;
import java.util.List;

import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class IngestConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TargetsConfiguration.class);

	final ApplicationContextRunner withToken = this.runner.withPropertyValues("tagrelay.ingest.tokens=s3cret");

	@Test
	void refusesToStartWithoutAToken() {
		this.runner.withPropertyValues("uk.repo=quay.io/acme/web", "uk.deployment=web")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.ingest.tokens")
				.contains("TAGRELAY_INGEST_TOKENS"));
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
	void refusesInvalidRepositoryNamingTheKey() {
		this.withToken
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/Acme Web", "tagrelay.targets[0].deployment=web")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.targets[0]")
				.contains("invalid repository path"));
	}

	@Test
	void refusesTargetWithoutRepositoryNamingTheKey() {
		this.withToken.withPropertyValues("tagrelay.targets[0].deployment=web")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.targets[0].repository"));
	}

	@Test
	void refusesInvalidNamespaceNamingTheKey() {
		this.withToken
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web",
					"tagrelay.targets[0].namespace=Prod!", "tagrelay.targets[0].deployment=web")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.targets[0]")
				.contains("invalid namespace name"));
	}

	@Test
	void refusesUkRepoWithoutUkDeployment() {
		this.withToken.withPropertyValues("uk.repo=quay.io/acme/web")
			.run((context) -> assertThat(failure(context)).contains("UK_REPO and UK_DEPLOYMENT must be set together"));
	}

	@Test
	void refusesInvalidUkNamespace() {
		this.withToken.withPropertyValues("uk.repo=quay.io/acme/web", "uk.deployment=web", "uk.namespace=-x")
			.run((context) -> assertThat(failure(context)).contains("UK_NAMESPACE").contains("invalid namespace"));
	}

	@Test
	void refusesNonPositiveEnqueueTimeout() {
		this.withToken.withPropertyValues("tagrelay.ingest.enqueue-timeout=0s")
			.run((context) -> assertThat(failure(context)).contains("tagrelay.ingest.enqueue-timeout"));
	}

	@Test
	void combinesConfiguredTargetsWithTheUpdatekateTarget() {
		this.withToken
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/api", "tagrelay.targets[0].deployment=api",
					"uk.repo=quay.io/acme/web", "uk.deployment=web")
			.run((context) -> {
				assertThat(context.getBean(Targets.class).all()).extracting(Target::repository)
					.containsExactly("quay.io/acme/api", "quay.io/acme/web");
				assertThat(context.getBean(Targets.class).find("default", "web", "any")).isPresent();
				assertThat(context.getBean(InfoSwitch.class).enabled()).isFalse();
			});
	}

	@Test
	void startsWithoutTargetsRefusingEverything() {
		this.withToken.run((context) -> assertThat(context.getBean(Targets.class).isEmpty()).isTrue());
	}

	@Test
	void turnsInfoOnWithUkInfoOrTheTagrelayKey() {
		this.withToken.withPropertyValues("uk.info=true")
			.run((context) -> assertThat(context.getBean(InfoSwitch.class).enabled()).isTrue());
		this.withToken.withPropertyValues("tagrelay.ingest.info.enabled=true")
			.run((context) -> assertThat(context.getBean(InfoSwitch.class).enabled()).isTrue());
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
