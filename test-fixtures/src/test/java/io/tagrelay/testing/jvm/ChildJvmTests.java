package io.tagrelay.testing.jvm;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmTests {

	@Test
	void runsAMainClassToItsEndWithItsPropertiesEnvironmentAndArguments() throws Exception {
		int exit = ChildJvm.mainClass("child-exit", Child.class.getName())
			.jvmOptions(ChildJvm.QUICK_AND_SMALL)
			.systemProperty("child.greeting", "hello")
			.environment(Map.of("CHILD_NAME", "child"))
			.args(List.of("exit", "3"))
			.run(Duration.ofSeconds(60));

		assertThat(exit).isEqualTo(3);
		assertThat(ChildJvm.tail(ChildJvm.logFile("child-exit"), 5)).contains("hello child exit 3");
	}

	@Test
	void waitsForItsLogAndKillsItWithSigkill() throws Exception {
		try (ChildJvm child = ChildJvm.mainClass("child-wait", Child.class.getName())
			.jvmOptions(ChildJvm.QUICK_AND_SMALL)
			.args(List.of("wait"))
			.start()) {
			child.awaitLog("child ready", 1, Duration.ofSeconds(60));

			assertThat(child.isAlive()).isTrue();
			assertThat(child.kill()).isEqualTo(137);
			assertThat(child.isAlive()).isFalse();
		}
	}

	/**
	 * The child: prints what it was given, then exits with the given code or waits to be
	 * killed.
	 */
	public static final class Child {

		public static void main(String[] args) throws InterruptedException {
			System.out.println(System.getProperty("child.greeting") + " " + System.getenv("CHILD_NAME") + " "
					+ String.join(" ", args));
			if (args[0].equals("exit")) {
				System.exit(Integer.parseInt(args[1]));
			}
			System.out.println("child ready");
			Thread.sleep(120_000);
		}

	}

}
