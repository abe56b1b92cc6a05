package io.tagrelay.ingest.client;

import io.tagrelay.ingest.config.IngestConfiguration;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.support.kafka.KafkaSupportConfiguration;
import io.tagrelay.support.targets.TargetsConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientsConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TargetsConfiguration.class, KafkaSupportConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(IngestConfiguration.class, ClientsConfiguration.class)
		.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].namespace=demo",
				"tagrelay.targets[0].deployment=web", "tagrelay.ingest.tokens=global-token",
				"tagrelay.ingest.clients[0].name=ci", "tagrelay.ingest.clients[0].token=ci-token");

	@Test
	void bindsAClientWithItsScopeAndTheDefaultsOfEveryFlag() {
		this.runner
			.withPropertyValues("tagrelay.ingest.clients[0].repositories=quay.io/acme/web",
					"tagrelay.ingest.clients[0].targets=demo/web")
			.run((context) -> {
				Client client = context.getBean(Clients.class).configured().get(0);
				assertThat(client.name()).isEqualTo("ci");
				assertThat(client.repositories()).containsExactly("quay.io/acme/web");
				assertThat(client.deployments()).containsExactly("demo/web");
				assertThat(client.setImage()).isFalse();
				assertThat(client.downgrade()).isFalse();
				assertThat(client.maxQueued()).isEqualTo(20);
				assertThat(client.toString()).doesNotContain("ci-token");
				assertThat(context.getBean(IngestProperties.class).toString()).doesNotContain("ci-token")
					.doesNotContain("global-token");
			});
	}

	@Test
	void startsWithClientsOnlyAndNoGlobalToken() {
		this.runner.withPropertyValues("tagrelay.ingest.tokens=").run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void refusesAClientWithoutATokenNamingTheKey() {
		this.runner.withPropertyValues("tagrelay.ingest.clients[1].name=other")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.clients[1].token is required"));
	}

	@Test
	void refusesATokenThatIsAlsoAnotherClientsOrGlobal() {
		this.runner
			.withPropertyValues("tagrelay.ingest.clients[1].name=other", "tagrelay.ingest.clients[1].token=ci-token")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"tagrelay.ingest.clients[1].token is also another client's or a global token"));
		this.runner.withPropertyValues("tagrelay.ingest.clients[0].token=global-token")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.clients[0].token"));
	}

	@Test
	void refusesADuplicateOrReservedName() {
		this.runner.withPropertyValues("tagrelay.ingest.clients[1].name=ci", "tagrelay.ingest.clients[1].token=other")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.clients[1].name 'ci' is taken"));
		this.runner.withPropertyValues("tagrelay.ingest.clients[0].name=default")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.clients[0].name 'default' is reserved"));
		this.runner.withPropertyValues("tagrelay.ingest.clients[0].name=github")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.clients[0].name 'github' is reserved"));
		this.runner.withPropertyValues("tagrelay.ingest.clients[0].name=")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.clients[0].name must be"));
	}

	@Test
	void refusesAScopeThatNamesNoConfiguredTarget() {
		this.runner.withPropertyValues("tagrelay.ingest.clients[0].repositories=quay.io/acme/wbe")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"tagrelay.ingest.clients[0].repositories[0] (quay.io/acme/wbe) is followed by no target"));
		this.runner.withPropertyValues("tagrelay.ingest.clients[0].targets=demo/web,demo/wbe")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.clients[0].targets[1] (demo/wbe)"));
	}

}
