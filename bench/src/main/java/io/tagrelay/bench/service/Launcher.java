package io.tagrelay.bench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tagrelay.testing.jvm.ChildJvm;
import io.tagrelay.testing.jvm.ChildJvmBuilder;

/**
 * Makes the command lines of the services' launches ({@link Launch}): the Java runtime,
 * the JVM options (the module's options file,
 * {@code charts/tagrelay/jvm/<module>.options}, passed as the image passes it:
 * {@code @file}) and the jar. For a launch with a start-up cache, the runnable jar is
 * extracted ({@code -Djarmode=tools extract}: a cache cannot read nested jars) and the
 * cache is trained first, once per module and launch, the way docker/Dockerfile's
 * training stage trains it: the same options, the configuration of
 * {@code docker/aot-training/<module>.yaml}, and {@code -Dspring.context.exit=onRefresh}.
 */
public final class Launcher {

	private static final Path HARNESS_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	private final Path root;

	private final Path dir;

	private final Path imageJava;

	private final Map<String, Command> prepared = new HashMap<>();

	private final Map<String, Path> extracted = new HashMap<>();

	/**
	 * Creates the launcher.
	 * @param root the repository root
	 * @param dir where extracted jars, caches and training logs go
	 * @param imageJava the {@code java} of the image's runtime
	 */
	public Launcher(Path root, Path dir, Path imageJava) {
		this.root = root;
		this.dir = dir;
		this.imageJava = imageJava;
	}

	/**
	 * A launch's command of a service, trained first where it has a cache.
	 * @param module {@code ingest-service} or {@code deploy-worker}
	 * @param launch how
	 * @return the runtime, JVM options and jar
	 * @throws IOException if the jar is missing or a training step fails
	 * @throws InterruptedException if interrupted
	 */
	public synchronized Command command(String module, Launch launch) throws IOException, InterruptedException {
		String key = module + "/" + launch;
		Command command = this.prepared.get(key);
		if (command == null) {
			command = prepare(module, launch);
			this.prepared.put(key, command);
		}
		return command;
	}

	/**
	 * The options file of a module, the one the image and the chart use.
	 * @param module the module
	 * @return {@code charts/tagrelay/jvm/<module>.options}
	 */
	public Path optionsFile(String module) {
		return this.root.resolve("charts/tagrelay/jvm").resolve(module + ".options");
	}

	/**
	 * The image's runtime.
	 * @return its {@code java}
	 */
	public Path imageJava() {
		return this.imageJava;
	}

	private Command prepare(String module, Launch launch) throws IOException, InterruptedException {
		Path java = (launch.runtime() == Launch.Runtime.IMAGE) ? this.imageJava : HARNESS_JAVA;
		List<String> options = new ArrayList<>();
		if (launch.optionsFile()) {
			if (launch.runtime() == Launch.Runtime.HARNESS) {
				// Java 17 knows no compact object headers; the rest of the file it does
				options.add("-XX:+IgnoreUnrecognizedVMOptions");
			}
			options.add("@" + optionsFile(module));
		}
		if (launch.runtime() == Launch.Runtime.HARNESS && launch.cache() == Launch.Cache.NONE) {
			return new Command(java, options, execJar(module));
		}
		// the image runs the extracted jar
		Path jar = extract(module, java);
		if (launch.cache() == Launch.Cache.NONE) {
			return new Command(java, options, jar);
		}
		Path cache = Files.createDirectories(this.dir.resolve("cache")).resolve(module + "-" + launch + ".cache");
		String train = (launch.cache() == Launch.Cache.AOT) ? "-XX:AOTCacheOutput=" + cache
				: "-XX:ArchiveClassesAtExit=" + cache;
		Files.deleteIfExists(cache);
		List<String> training = new ArrayList<>(options);
		training.add(train);
		training.add("-Dspring.context.exit=onRefresh");
		run(ChildJvm.jar(module + "-" + launch + "-training", jar)
			.java(java)
			.jvmOptions(training)
			.args(List.of("--spring.config.additional-location=file:"
					+ this.root.resolve("docker/aot-training").resolve(module + ".yaml")))
			.log(this.dir.resolve(module + "-" + launch + "-training.log")),
				"training " + module + " (" + launch + ")");
		if (!Files.exists(cache)) {
			throw new IOException("the training of " + module + " (" + launch + ") wrote no cache; see its log");
		}
		options.add(((launch.cache() == Launch.Cache.AOT) ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
		return new Command(java, options, jar);
	}

	private Path extract(String module, Path java) throws IOException, InterruptedException {
		String key = module + "@" + java;
		Path jar = this.extracted.get(key);
		if (jar == null) {
			Path destination = this.dir.resolve("extracted").resolve(module + "-" + this.extracted.size());
			run(ChildJvm.jar(module + "-extract", execJar(module))
				.java(java)
				.systemProperty("jarmode", "tools")
				.args(List.of("extract", "--force", "--destination", destination.toString()))
				.log(this.dir.resolve(module + "-extract.log")), "extracting " + module);
			try (Stream<Path> files = Files.list(destination)) {
				jar = files.filter((f) -> f.toString().endsWith(".jar"))
					.findFirst()
					.orElseThrow(() -> new IOException("nothing extracted into " + destination));
			}
			this.extracted.put(key, jar);
		}
		return jar;
	}

	private Path execJar(String module) throws IOException {
		Path target = this.root.resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((f) -> f.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IOException("no runnable jar in " + target + "; bench/run builds it"));
		}
	}

	private static void run(ChildJvmBuilder step, String what) throws IOException, InterruptedException {
		int exit = step.run(Duration.ofMinutes(3));
		if (exit != 0) {
			throw new IOException(what + " failed (exit " + exit + ")");
		}
	}

	/**
	 * A service's command line, but for its Spring Boot arguments.
	 *
	 * @param java the {@code java} launcher
	 * @param jvmOptions the JVM options
	 * @param jar the jar to run
	 */
	public record Command(Path java, List<String> jvmOptions, Path jar) {
	}

}
