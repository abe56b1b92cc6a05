package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the harbor parser with raw bodies (see {@link FuzzedNotifications}). Without
 * {@code JAZZER_FUZZ} only the seeds in {@code HarborParserFuzzTestsInputs/} run; the
 * {@code fuzz} execution of the build fuzzes for {@code -Dfuzz.seconds}.
 */
class HarborParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"type\"", "\"PUSH_ARTIFACT\"", "\"harbor.artifact.pushed\"", "\"specversion\"",
			"\"event_data\"", "\"data\"", "\"resources\"", "\"tag\"", "\"digest\"", "\"resource_url\"",
			"\"repository\"", "\"repo_full_name\"",
			"\"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "{", "}", "[", "]", ":", ",",
			"\\u0000", "\\ud800", "null", "1e999", "\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		FuzzedNotifications.parsesOrRefuses(Source.HARBOR, body);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(HarborParserFuzzTests.class, executions.get());
	}

}
