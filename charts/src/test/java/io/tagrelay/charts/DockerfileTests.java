package io.tagrelay.charts;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service images cannot be built in CI (no Docker engine), so what breaks them is
 * checked here: the one template, {@code docker/Dockerfile}, builds a module of the
 * reactor from the whole build context, which must hold every module's pom; it runs
 * Spring Boot's layers of the runnable jar as the non-root user the chart's security
 * context names.
 */
class DockerfileTests {

	static final Path ROOT = Path.of("..");

	static final Path DOCKERFILE = ROOT.resolve("docker/Dockerfile");

	// the layers of Spring Boot's default layers.idx, in the order they change least
	private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	@Test
	void buildsTheModuleItIsGivenWithItsReactor() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);

		assertThat(dockerfile).containsPattern("(?m)^ARG MODULE$")
			.containsPattern("(?m)^COPY \\. \\.$")
			.contains("./mvnw -B -q -pl \"${MODULE}\" -am package -DskipTests");
	}

	@Test
	void buildContextHoldsWhatMavenReads() throws Exception {
		List<PathMatcher> ignored = dockerignore();
		List<String> needed = new ArrayList<>(
				List.of("pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties", "src/checkstyle/checkstyle.xml"));
		modules().forEach((module) -> needed.addAll(List.of(module + "/pom.xml", module + "/src")));

		assertThat(modules()).isNotEmpty();
		assertThat(needed).allSatisfy((path) -> {
			assertThat(ROOT.resolve(path)).exists();
			assertThat(isIgnored(ignored, Path.of(path))).as("%s left out of the build context", path).isFalse();
		});
		assertThat(isIgnored(ignored, Path.of("ingest-service/target/classes"))).isTrue();
	}

	@Test
	void runsSpringBootsLayersOfTheRunnableJar() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);

		assertThat(dockerfile).contains("java -Djarmode=tools -jar /app.jar extract --layers --destination /layers");
		List<String> copied = dockerfile.lines()
			.dropWhile((line) -> !line.startsWith("FROM ${RUNTIME}") || line.contains(" AS "))
			.filter((line) -> line.startsWith("COPY --from=build /layers/"))
			.map((line) -> line.replaceAll("^COPY --from=build /layers/([^/]+)/ \\./$", "$1"))
			.toList();
		assertThat(copied).containsExactlyElementsOf(LAYERS);
		assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-XX:AOTCache=/opt/tagrelay/app.aot\", "
				+ "\"@/opt/tagrelay/jvm.options\", \"-jar\", \"/opt/tagrelay/app.jar\"\\]$");
	}

	@Test
	void trainsTheAotCacheOnTheRuntimeItRunsOnWithTheSameOptions() throws Exception {
		String dockerfile = Files.readString(DOCKERFILE);

		assertThat(dockerfile).containsPattern("(?m)^FROM \\$\\{RUNTIME\\} AS training$")
			.containsPattern("(?m)^FROM \\$\\{RUNTIME\\}$")
			.contains("java -XX:AOTCacheOutput=/opt/tagrelay/app.aot @/opt/tagrelay/jvm.options "
					+ "-Dspring.context.exit=onRefresh")
			.contains("cp docker/aot-training/\"${MODULE}\".yaml /jvm/training.yaml")
			.contains("COPY --from=training /opt/tagrelay/app.aot /opt/tagrelay/app.aot");
		// the training run sees the image's layers at the image's paths
		long trainingLayers = dockerfile.lines()
			.dropWhile((line) -> !line.endsWith("AS training"))
			.takeWhile((line) -> !line.startsWith("RUN java"))
			.filter((line) -> line.startsWith("COPY --from=build /layers/"))
			.count();
		assertThat(trainingLayers).isEqualTo(LAYERS.size());
		for (String module : runnableModules()) {
			assertThat(ROOT.resolve("docker/aot-training").resolve(module + ".yaml")).exists();
			assertThat(ROOT.resolve("charts/tagrelay/jvm").resolve(module + ".options")).exists();
		}
	}

	@Test
	void runsAsTheUserTheChartRunsAs() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);
		Object chartUser = RenderedChart.at(RenderedChart.defaults().ingest(), "spec", "template", "spec",
				"securityContext", "runAsUser");

		assertThat(chartUser).isNotNull();
		assertThat(dockerfile).containsPattern("(?m)^USER " + chartUser + ":" + chartUser + "$");
	}

	// as Docker reads .dockerignore: a path is left out if it or a directory above it
	// matches
	private static boolean isIgnored(List<PathMatcher> ignored, Path path) {
		for (Path current = path; current != null; current = current.getParent()) {
			Path candidate = current;
			if (ignored.stream().anyMatch((pattern) -> pattern.matches(candidate))) {
				return true;
			}
		}
		return false;
	}

	// the patterns of .dockerignore, as globs relative to the build context
	private static List<PathMatcher> dockerignore() throws IOException {
		return Files.readAllLines(ROOT.resolve(".dockerignore"))
			.stream()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.flatMap((pattern) -> pattern.startsWith("**/") ? List.of(pattern, pattern.substring(3)).stream()
					: List.of(pattern).stream())
			.map((pattern) -> FileSystems.getDefault().getPathMatcher("glob:" + pattern))
			.toList();
	}

	/**
	 * The modules of the default reactor.
	 * @return their directories
	 * @throws Exception if the root pom cannot be read
	 */
	static List<String> modules() throws Exception {
		return evaluate(ROOT.resolve("pom.xml"), "/project/modules/module");
	}

	/**
	 * The modules of the default reactor that the Spring Boot plugin repackages into a
	 * runnable jar: the ones an image is built for.
	 * @return their directories
	 * @throws Exception if a pom cannot be read
	 */
	static List<String> runnableModules() throws Exception {
		List<String> runnable = new ArrayList<>();
		for (String module : modules()) {
			if (!evaluate(ROOT.resolve(module).resolve("pom.xml"),
					"/project/build/plugins/plugin[artifactId='spring-boot-maven-plugin']/artifactId")
				.isEmpty()) {
				runnable.add(module);
			}
		}
		return runnable;
	}

	private static List<String> evaluate(Path file, String expression) throws Exception {
		Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
		NodeList nodes = (NodeList) XPathFactory.newInstance()
			.newXPath()
			.evaluate(expression, pom, XPathConstants.NODESET);
		return IntStream.range(0, nodes.getLength()).mapToObj((i) -> nodes.item(i).getTextContent().trim()).toList();
	}

}
