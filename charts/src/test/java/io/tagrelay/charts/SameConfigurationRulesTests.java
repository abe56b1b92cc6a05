package io.tagrelay.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tagrelay.ingest.IngestApplication;
import io.tagrelay.worker.WorkerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Both services read the same configuration (targets, {@code uk.*},
 * {@code tagrelay.kafka.*}), so each refuses exactly what the other refuses: every bad
 * configuration below stops the start-up of the real ingest and the real worker
 * applications, and what each prints says which key is wrong. The same base configuration
 * without the bad key starts both.
 */
@ExtendWith(OutputCaptureExtension.class)
class SameConfigurationRulesTests {

	static final String TARGET = "tagrelay.targets[0].";

	static final List<String> BASE = List.of("tagrelay.ingest.tokens=s3cret", "spring.main.banner-mode=off",
			"spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.kafka.admin.auto-create=false",
			"spring.kafka.listener.auto-startup=false", "server.port=0", "logging.level.root=WARN");

	static Stream<Arguments> badConfigurations() {
		return Stream.of(bad("tagrelay.targets[0]", TARGET + "repository=quay.io/Acme Web", TARGET + "deployment=web"),
				bad("tagrelay.targets[0].repository", TARGET + "deployment=web"),
				bad("tagrelay.targets[0].deployment", TARGET + "repository=quay.io/acme/web"),
				bad("tagrelay.targets[0]", TARGET + "repository=quay.io/acme/web", TARGET + "deployment=web",
						TARGET + "namespace=Prod!"),
				bad("tagrelay.targets[0]", TARGET + "repository=quay.io/acme/web", TARGET + "deployment=web",
						TARGET + "container=Web_1"),
				bad("tagrelay.targets[0].tag-policy.range", TARGET + "repository=quay.io/acme/web",
						TARGET + "deployment=web", TARGET + "tag-policy.range=newest please"),
				bad("tagrelay.targets[0].rollout.max-attempts", TARGET + "repository=quay.io/acme/web",
						TARGET + "deployment=web", TARGET + "rollout.max-attempts=0"),
				bad("tagrelay.targets[0].rollout.initial-interval", TARGET + "repository=quay.io/acme/web",
						TARGET + "deployment=web", TARGET + "rollout.initial-interval=0s"),
				bad("tagrelay.targets[0].rollout.multiplier", TARGET + "repository=quay.io/acme/web",
						TARGET + "deployment=web", TARGET + "rollout.multiplier=0.5"),
				bad("tagrelay.targets[0].rollout.success", TARGET + "repository=quay.io/acme/web",
						TARGET + "deployment=web", TARGET + "rollout.success=sometimes"),
				bad("tagrelay.targets[0].webhook", TARGET + "repository=quay.io/acme/web", TARGET + "deployment=web",
						TARGET + "webhook.url=http://bad host/"),
				bad("tagrelay.targets[1]", TARGET + "repository=quay.io/acme/web", TARGET + "deployment=web",
						"tagrelay.targets[1].repository=quay.io/acme/other", "tagrelay.targets[1].deployment=web"),
				bad("UK_DEPLOYMENT", "uk.repo=quay.io/acme/web"),
				bad("uk.webhook", "uk.repo=quay.io/acme/web", "uk.deployment=web", "uk.webhook=ftp://hooks/x"),
				bad("UK_NAMESPACE", "uk.repo=quay.io/acme/web", "uk.deployment=web", "uk.namespace=-x"),
				bad("tagrelay.kafka.partitions", "tagrelay.kafka.partitions=0"),
				bad("tagrelay.kafka.create-topics", "tagrelay.kafka.create-topics=sometimes"),
				bad("tagrelay.kafka.replication-factor", "tagrelay.kafka.replication-factor=-2"),
				bad("tagrelay.kafka.events-batch-size", "tagrelay.kafka.events-batch-size=0"),
				bad("tagrelay.kafka.topics.events", "tagrelay.kafka.topics.events= "));
	}

	static Arguments bad(String key, String... properties) {
		return arguments(key, List.of(properties));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("badConfigurations")
	void theIngestRefusesItNamingTheKey(String key, List<String> properties, CapturedOutput output) {
		assertRefused(IngestApplication.class, properties, key, output);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("badConfigurations")
	void theWorkerRefusesItNamingTheKey(String key, List<String> properties, CapturedOutput output) {
		assertRefused(WorkerApplication.class, properties, key, output);
	}

	@Test
	void bothStartWithTheBaseConfigurationAndAValidTarget() {
		List<String> valid = List.of(TARGET + "repository=quay.io/acme/web", TARGET + "deployment=web",
				TARGET + "tag-policy.range=^1.2.0", TARGET + "rollout.initial-interval=100ms");
		for (Class<?> application : List.of(IngestApplication.class, WorkerApplication.class)) {
			try (ConfigurableApplicationContext context = start(application, valid)) {
				assertThat(context.isActive()).as(application.getSimpleName()).isTrue();
			}
		}
	}

	private static void assertRefused(Class<?> application, List<String> properties, String key,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(application, properties).close());
		// a key inside a list element is printed as bound (initialInterval), others as
		// written (initial-interval)
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.containsAnyOf(key, camelCase(key));
	}

	private static String camelCase(String key) {
		return Pattern.compile("-([a-z])").matcher(key).replaceAll((dash) -> dash.group(1).toUpperCase());
	}

	private static ConfigurableApplicationContext start(Class<?> application, List<String> properties) {
		List<String> all = new ArrayList<>(BASE);
		all.addAll(properties);
		return new SpringApplicationBuilder(application).properties(all.toArray(String[]::new)).run();
	}

}
