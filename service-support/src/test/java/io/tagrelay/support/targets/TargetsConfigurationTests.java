package io.tagrelay.support.targets;

import java.util.List;

import io.tagrelay.model.target.RegistryPolicy.Verification;
import io.tagrelay.model.target.RolloutPolicy;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TargetsConfiguration.class, ValidationAutoConfiguration.class));

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
				assertThat(context.getBean(Targets.class).find("default", "web", "any")).isPresent();
			});
	}

	@Test
	void bindsTheRegistryVerificationAndDigestPinning() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].deployment=web",
					"tagrelay.targets[0].registry.verify=required", "tagrelay.targets[0].pin-digest=true",
					"tagrelay.targets[1].repository=quay.io/acme/api", "tagrelay.targets[1].deployment=api")
			.run((context) -> {
				List<Target> all = context.getBean(Targets.class).all();
				assertThat(all.get(0).registry().verify()).isEqualTo(Verification.REQUIRED);
				assertThat(all.get(0).pinDigest()).isTrue();
				assertThat(all.get(1).registry().verify()).isEqualTo(Verification.BEST_EFFORT);
				assertThat(all.get(1).pinDigest()).isFalse();
			});
	}

	@Test
	void refusesAnUnknownVerificationNamingTheKey() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].deployment=web",
					"tagrelay.targets[0].registry.verify=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.targets[0].registry.verify"));
	}

	@Test
	void refusesDigestPinningWithoutAskingTheRegistryNamingTheKeys() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].deployment=web",
					"tagrelay.targets[0].registry.verify=off", "tagrelay.targets[0].pin-digest=true")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.targets[0]")
				.hasStackTraceContaining("pin-digest needs the registry's digest: registry.verify must be"));
	}

	@Test
	void bindsTheRegistriesTheWorkerSignsInTo() {
		this.runner
			.withPropertyValues("tagrelay.registries[0].host=quay.io", "tagrelay.registries[0].username=relay",
					"tagrelay.registries[0].password=s3cret", "tagrelay.registries[1].host=registry.local:5000",
					"tagrelay.registries[1].insecure=true", "tagrelay.registries-docker-config=/etc/pull/config.json")
			.run((context) -> {
				TargetsProperties properties = context.getBean(TargetsProperties.class);
				assertThat(properties.registries()).extracting(RegistryAccess::host)
					.containsExactly("quay.io", "registry.local:5000");
				assertThat(properties.registries().get(0).password().matches("s3cret")).isTrue();
				assertThat(properties.registries().get(1).insecure()).isTrue();
				assertThat(properties.registriesDockerConfig()).hasToString("/etc/pull/config.json");
				assertThat(properties.toString()).doesNotContain("s3cret");
			});
	}

	@Test
	void refusesARegistryWithTwoWaysOfSigningInNamingTheKeys() {
		this.runner
			.withPropertyValues("tagrelay.registries[0].host=quay.io", "tagrelay.registries[0].username=relay",
					"tagrelay.registries[0].password=s3cret", "tagrelay.registries[0].token=t0ken")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.registries[0] sets more than one of username/password, token and "
						+ "docker-config"));
		this.runner.withPropertyValues("tagrelay.registries[0].host=quay.io", "tagrelay.registries[0].username=relay")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"tagrelay.registries[0].username and tagrelay.registries[0].password must be set together"));
		this.runner.withPropertyValues("tagrelay.registries[0].insecure=true")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("tagrelay.registries[0].host"));
	}

	@Test
	void startsWithoutTargets() {
		this.runner.run((context) -> assertThat(context.getBean(Targets.class).isEmpty()).isTrue());
	}

	@Test
	void turnsInfoOnWithUkInfo() {
		this.runner.withPropertyValues("uk.info=true")
			.run((context) -> assertThat(context.getBean(UpdatekateProperties.class).info()).isTrue());
		this.runner.run((context) -> assertThat(context.getBean(UpdatekateProperties.class).info()).isFalse());
	}

	@Test
	void refusesATargetWithoutRepositoryNamingTheKey() {
		this.runner.withPropertyValues("tagrelay.targets[0].deployment=web")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.targets[0].repository"));
	}

	@Test
	void refusesARangeThatIsNotSemverNamingTheKey() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].deployment=web",
					"tagrelay.targets[0].tag-policy.range=newest please")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.targets[0].tag-policy.range"));
	}

	@Test
	void refusesAZeroRolloutIntervalNamingTheKey() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].deployment=web",
					"tagrelay.targets[0].rollout.initial-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.targets[0].rollout.initialInterval"));
	}

	@Test
	void refusesAnInvalidRepositoryNamingTheKey() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/Acme Web", "tagrelay.targets[0].deployment=web")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.targets[0]")
				.hasStackTraceContaining("invalid repository path"));
	}

	@Test
	void refusesAnInvalidNamespaceNamingTheKey() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web",
					"tagrelay.targets[0].namespace=Prod!", "tagrelay.targets[0].deployment=web")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.targets[0]")
				.hasStackTraceContaining("invalid namespace name"));
	}

	@Test
	void refusesTwoTargetsOfOneContainer() {
		this.runner
			.withPropertyValues("tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].deployment=web",
					"uk.repo=quay.io/acme/other", "uk.deployment=web")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("manages the same container"));
	}

	@Test
	void refusesAnInvalidUkNamespace() {
		this.runner.withPropertyValues("uk.repo=quay.io/acme/web", "uk.deployment=web", "uk.namespace=-x")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("UK_NAMESPACE")
				.hasStackTraceContaining("invalid namespace"));
	}

	@Test
	void refusesUkRepoWithoutUkDeployment() {
		this.runner.withPropertyValues("uk.repo=quay.io/acme/web")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("UK_REPO and UK_DEPLOYMENT must be set together"));
	}

}
