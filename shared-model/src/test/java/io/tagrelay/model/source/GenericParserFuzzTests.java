package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the generic parser with raw bodies (see {@link FuzzedNotifications}). Without
 * {@code JAZZER_FUZZ} only the seeds in {@code GenericParserFuzzTestsInputs/} run; the
 * {@code fuzz} execution of the build fuzzes for {@code -Dfuzz.seconds}.
 */
class GenericParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"repository\"", "\"tags\"", "\"digest\"", "\"quay.io/acme/web\"", "\"1.2.3\"",
			"\"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "{", "}", "[", "]", ":", ",",
			"\\u0000", "\\ud800", "null", "1e999", "\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		FuzzedNotifications.parsesOrRefuses(Source.GENERIC, body);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(GenericParserFuzzTests.class, executions.get());
	}

}
