package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the distribution parser with raw bodies (see {@link FuzzedNotifications}).
 * Without {@code JAZZER_FUZZ} only the seeds in
 * {@code DistributionParserFuzzTestsInputs/} run; the {@code fuzz} execution of the build
 * fuzzes for {@code -Dfuzz.seconds}.
 */
class DistributionParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"events\"", "\"action\"", "\"push\"", "\"pull\"", "\"target\"", "\"tag\"", "\"digest\"",
			"\"repository\"", "\"request\"", "\"host\"", "\"mediaType\"", "{", "}", "[", "]", ":", ",", "\\u0000",
			"\\ud800", "null", "1e999", "\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		FuzzedNotifications.parsesOrRefuses(Source.DISTRIBUTION, body);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(DistributionParserFuzzTests.class, executions.get());
	}

}
