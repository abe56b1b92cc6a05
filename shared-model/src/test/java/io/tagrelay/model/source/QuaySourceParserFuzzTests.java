package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the quay parser with raw bodies (see {@link FuzzedNotifications}). Without
 * {@code JAZZER_FUZZ} only the seeds in {@code QuaySourceParserFuzzTestsInputs/} run; the
 * {@code fuzz} execution of the build fuzzes for {@code -Dfuzz.seconds}.
 */
class QuaySourceParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"docker_url\"", "\"updated_tags\"", "\"pruned_image_count\"", "\"quay.io/acme/web\"",
			"\"1.2.3\"", "{", "}", "[", "]", ":", ",", "\\u0000", "\\ud800", "null", "1e999", "\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		FuzzedNotifications.parsesOrRefuses(Source.QUAY, body);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(QuaySourceParserFuzzTests.class, executions.get());
	}

}
