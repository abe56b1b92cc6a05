package io.tagrelay.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the local stack needs to run (an embedded broker, the test fixtures' simulated
 * cluster) and what tests need never ship in the runnable service jars.
 */
class ServiceJarsTests {

	private static final List<String> NOT_FOR_PRODUCTION = List.of("spring-kafka-test", "kafka_2.13", "kafka-server-",
			"kafka-test-common", "kubernetes-server-mock", "mockwebserver", "junit", "assertj", "mockito", "jazzer",
			"local-stack", "test-fixtures");

	@ParameterizedTest
	@ValueSource(strings = { "ingest-service", "deploy-worker" })
	void runnableJarHoldsNoTestFixturesTestOrLocalStackLibrary(String service) throws IOException {
		Path jar = runnableJar(service);

		try (JarFile contents = new JarFile(jar.toFile())) {
			List<String> libraries = contents.stream()
				.map((entry) -> entry.getName())
				.filter((name) -> name.startsWith("BOOT-INF/lib/"))
				.toList();
			assertThat(libraries).as("libraries of %s", jar).isNotEmpty();
			assertThat(libraries).as("libraries of %s", jar)
				.noneMatch((library) -> NOT_FOR_PRODUCTION.stream().anyMatch(library::contains));
		}
	}

	private static Path runnableJar(String service) throws IOException {
		Path target = Path.of("..", service, "target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no runnable jar in " + target
						+ "; build the services first (./mvnw -pl local-stack -am verify)"));
		}
	}

}
