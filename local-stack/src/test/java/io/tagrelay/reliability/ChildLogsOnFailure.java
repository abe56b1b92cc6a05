package io.tagrelay.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.tagrelay.testing.jvm.ChildJvm;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of every child JVM's log when a test fails, so the failure report shows
 * what the broker and the workers were doing.
 */
class ChildLogsOnFailure implements TestWatcher {

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		Path dir = ChildJvm.logFile("any").getParent();
		try (Stream<Path> logs = Files.list(dir)) {
			logs.filter((log) -> log.toString().endsWith(".log"))
				.sorted()
				.forEach((log) -> System.out.println(ChildJvm.tail(log, 40)));
		}
		catch (IOException ex) {
			System.out.println("no child logs in " + dir + ": " + ex.getMessage());
		}
	}

}
