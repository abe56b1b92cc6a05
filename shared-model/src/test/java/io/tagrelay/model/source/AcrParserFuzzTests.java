package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the acr parser with raw bodies (see {@link FuzzedNotifications}). Without
 * {@code JAZZER_FUZZ} only the seeds in {@code AcrParserFuzzTestsInputs/} run; the
 * {@code fuzz} execution of the build fuzzes for {@code -Dfuzz.seconds}.
 */
class AcrParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"action\"", "\"push\"", "\"ping\"", "\"target\"", "\"repository\"", "\"tag\"", "\"digest\"",
			"\"request\"", "\"host\"", "{", "}", "[", "]", ":", ",", "\\u0000", "\\ud800", "null", "1e999", "\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		FuzzedNotifications.parsesOrRefuses(Source.ACR, body);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(AcrParserFuzzTests.class, executions.get());
	}

}
