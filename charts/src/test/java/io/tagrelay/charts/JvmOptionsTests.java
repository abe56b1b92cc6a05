package io.tagrelay.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.tagrelay.charts.RenderedChart.at;
import static io.tagrelay.charts.RenderedChart.container;
import static io.tagrelay.charts.RenderedChart.env;
import static io.tagrelay.charts.RenderedChart.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One source of JVM options per service, {@code charts/tagrelay/jvm/<module>.options}:
 * the image trains its AOT cache with it and runs it (docker/Dockerfile), the chart
 * mounts it over the image's copy with the values' extra options appended, and bench/run
 * launches the service with it. Its memory ceilings must fit the chart's default limit,
 * or the kernel could kill a pod under load.
 */
class JvmOptionsTests {

	static final String MOUNTED = "/opt/tagrelay/jvm.options";

	// Tomcat's 200 request threads (server.tomcat.threads.max), the management
	// connector's,
	// Kafka's, the listeners', the JVM's own: an upper bound for either service
	private static final int MAX_THREADS = 256;

	// what no flag caps: the GC's and the compilers' own, symbols, NMT, malloc of
	// libraries
	private static final long JVM_OVERHEAD_MIB = 64;

	@ParameterizedTest
	@CsvSource({ "ingest-service, tagrelay-ingest", "deploy-worker, tagrelay-worker" })
	void mountsTheChartsCopyOfTheImagesOptionsOverIt(String module, String deploymentSuffix) throws IOException {
		RenderedChart chart = RenderedChart.defaults();
		Map<String, Object> deployment = chart.get("Deployment", RenderedChart.RELEASE + "-" + deploymentSuffix);

		assertThat(list(container(deployment), "volumeMounts"))
			.contains(Map.of("name", "config", "mountPath", MOUNTED, "subPath", module + ".options", "readOnly", true));
		assertThat(at(chart.configMap(), "data", module + ".options")).isEqualTo(optionsFile(module));
		assertThat(env(deployment)).doesNotContainKey("JAVA_TOOL_OPTIONS");
		assertThat(Files.readString(DockerfileTests.DOCKERFILE))
			.contains("cp charts/tagrelay/jvm/\"${MODULE}\".options /jvm/jvm.options")
			.contains("\"@" + MOUNTED + "\"");
	}

	@ParameterizedTest
	@CsvSource({ "ingest-service, ingest", "deploy-worker, worker" })
	void appendsTheValuesOptionsSoThatTheyWin(String module, String service) throws IOException {
		RenderedChart chart = RenderedChart
			.with(Map.of(service + ".jvmOptions[0]", "-Xmx256m", service + ".jvmOptions[1]", "-Dexample=1",
					service + ".javaToolOptions", "-javaagent:/agents/otel.jar"));

		String mounted = (String) at(chart.configMap(), "data", module + ".options");
		assertThat(mounted).startsWith(optionsFile(module).strip());
		List<String> lines = mounted.lines().toList();
		assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly("-Xmx256m", "-Dexample=1");
		assertThat(mounted.indexOf("-Xmx256m")).isGreaterThan(mounted.indexOf("-Xmx128m"));
		Map<String, Object> deployment = "ingest".equals(service) ? chart.ingest() : chart.worker();
		assertThat(at(env(deployment).get("JAVA_TOOL_OPTIONS"), "value")).isEqualTo("-javaagent:/agents/otel.jar");
	}

	@ParameterizedTest
	@CsvSource({ "ingest-service, ingest", "deploy-worker, worker" })
	void capsEveryMemoryPoolWithinTheDefaultLimit(String module, String service) throws IOException {
		String options = optionsFile(module);
		long heap = mib(options, "-Xmx");
		long metaspace = mib(options, "-XX:MaxMetaspaceSize=");
		long codeCache = mib(options, "-XX:ReservedCodeCacheSize=");
		long direct = mib(options, "-XX:MaxDirectMemorySize=");
		long stacks = MAX_THREADS * kib(options, "-Xss") / 1024;
		Object limit = at(RenderedChart.defaults().get("Deployment", RenderedChart.RELEASE + "-tagrelay-" + service),
				"spec", "template", "spec", "containers", 0, "resources", "limits", "memory");

		assertThat(heap + metaspace + codeCache + direct + stacks + JVM_OVERHEAD_MIB)
			.as("%s: heap %d + metaspace %d + code cache %d + direct %d + %d stacks %d + JVM %d MiB within %s", module,
					heap, metaspace, codeCache, direct, MAX_THREADS, stacks, JVM_OVERHEAD_MIB, limit)
			.isLessThanOrEqualTo(mib(limit.toString()));
		assertThat(options).containsPattern("(?m)^-XX:\\+ExitOnOutOfMemoryError$")
			.doesNotContainPattern("(?m)^-XX:MaxRAMPercentage");
	}

	static String optionsFile(String module) throws IOException {
		return Files.readString(Path.of("tagrelay/jvm").resolve(module + ".options"));
	}

	private static long mib(String options, String flag) {
		return kib(options, flag) / 1024;
	}

	private static long kib(String options, String flag) {
		Matcher value = Pattern.compile("(?m)^" + Pattern.quote(flag) + "(\\d+)([kKmMgG])$").matcher(options);
		assertThat(value.find()).as("%s is set", flag).isTrue();
		long number = Long.parseLong(value.group(1));
		return switch (Character.toLowerCase(value.group(2).charAt(0))) {
			case 'k' -> number;
			case 'm' -> number * 1024;
			default -> number * 1024 * 1024;
		};
	}

	private static long mib(String quantity) {
		Matcher value = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
		assertThat(value.matches()).as("a limit in Mi or Gi: %s", quantity).isTrue();
		return Long.parseLong(value.group(1)) * ("Gi".equals(value.group(2)) ? 1024 : 1);
	}

}
