package io.tagrelay.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service images cannot be built in CI (no Docker engine), so what breaks them is
 * checked here: Maven needs the pom of every module of the reactor, and the image must
 * run as the non-root user the chart's security context names.
 */
class DockerfileTests {

	private static final Path ROOT = Path.of("..");

	@ParameterizedTest
	@ValueSource(strings = { "ingest-service", "deploy-worker" })
	void copiesThePomOfEveryModuleBeforeBuilding(String service) throws IOException {
		String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));

		assertThat(modules()).isNotEmpty()
			.allSatisfy((module) -> assertThat(dockerfile).contains("COPY " + module + "/pom.xml " + module + "/"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ingest-service", "deploy-worker" })
	void runsAsTheUserTheChartRunsAs(String service) throws IOException {
		String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));
		Object chartUser = RenderedChart.at(RenderedChart.defaults().ingest(), "spec", "template", "spec",
				"securityContext", "runAsUser");

		assertThat(chartUser).isNotNull();
		assertThat(dockerfile).containsPattern("(?m)^USER " + chartUser + ":" + chartUser + "$");
	}

	// the modules of the default reactor: a profile's module (bench) is not built in an
	// image
	private static List<String> modules() throws IOException {
		String pom = Files.readString(ROOT.resolve("pom.xml"));
		String defaultModules = pom.substring(pom.indexOf("<modules>"), pom.indexOf("</modules>"));
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(defaultModules);
		return module.results().map((result) -> result.group(1)).toList();
	}

}
