package io.tagrelay.bench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tagrelay.testing.jvm.ChildJvm;
import io.tagrelay.testing.jvm.ChildJvmBuilder;

/**
 * Class Data Sharing for a service, the way Spring Boot documents it: the runnable jar is
 * extracted ({@code -Djarmode=tools extract}, CDS cannot read nested jars), a training
 * run that exits once the context is refreshed ({@code -Dspring.context.exit=onRefresh})
 * writes a dynamic archive of the classes it loaded, and the service then starts with
 * {@code -XX:SharedArchiveFile}.
 *
 * @param jar the extracted jar to run
 * @param archive the archive
 */
public record CdsArchive(Path jar, Path archive) {

	/**
	 * Extracts a runnable jar and trains its archive.
	 * @param name the service's short name
	 * @param execJar its runnable jar
	 * @param jvmFlags the flags it will run with
	 * @param args its Spring Boot arguments (so the training run loads what the real one
	 * does)
	 * @param environment its environment
	 * @param dir where to put the extracted jar, the archive and the training log
	 * @return the jar and archive to run with
	 * @throws IOException if a step fails
	 * @throws InterruptedException if interrupted
	 */
	public static CdsArchive train(String name, Path execJar, List<String> jvmFlags, List<String> args,
			Map<String, String> environment, Path dir) throws IOException, InterruptedException {
		Path extracted = dir.resolve("cds").resolve(name);
		run(ChildJvm.jar(name + "-extract", execJar)
			.systemProperty("jarmode", "tools")
			.args(List.of("extract", "--force", "--destination", extracted.toString()))
			.log(dir.resolve(name + "-extract.log")));
		Path jar;
		try (Stream<Path> files = Files.list(extracted)) {
			jar = files.filter((f) -> f.toString().endsWith(".jar"))
				.findFirst()
				.orElseThrow(() -> new IOException("nothing extracted into " + extracted));
		}
		Path archive = dir.resolve("cds").resolve(name + ".jsa");
		run(ChildJvm.jar(name + "-cds-training", jar)
			.jvmOptions(jvmFlags)
			.jvmOptions(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh"))
			.args(args)
			.environment(environment)
			.log(dir.resolve(name + "-cds-training.log")));
		return new CdsArchive(jar, archive);
	}

	/**
	 * The flag that uses the archive.
	 * @return {@code -XX:SharedArchiveFile=...}
	 */
	public String flag() {
		return "-XX:SharedArchiveFile=" + this.archive;
	}

	private static void run(ChildJvmBuilder step) throws IOException, InterruptedException {
		int exit = step.run(Duration.ofMinutes(3));
		if (exit != 0) {
			throw new IOException("a step of the CDS training failed (" + exit + ")");
		}
	}

}
