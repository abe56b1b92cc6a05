package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the github parser with raw bodies (see {@link FuzzedNotifications}). Without
 * {@code JAZZER_FUZZ} only the seeds in {@code GitHubParserFuzzTestsInputs/} run; the
 * {@code fuzz} execution of the build fuzzes for {@code -Dfuzz.seconds}.
 */
class GitHubParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"action\"", "\"published\"", "\"updated\"", "\"package\"", "\"namespace\"", "\"name\"",
			"\"package_type\"", "\"CONTAINER\"", "\"package_version\"", "\"container_metadata\"", "\"tag\"",
			"\"digest\"", "\"owner\"", "\"login\"", "{", "}", "[", "]", ":", ",", "\\u0000", "\\ud800", "null", "1e999",
			"\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		FuzzedNotifications.parsesOrRefuses(Source.GITHUB, body);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(GitHubParserFuzzTests.class, executions.get());
	}

}
