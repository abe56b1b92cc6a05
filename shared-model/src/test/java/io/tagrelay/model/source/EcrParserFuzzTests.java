package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the ecr parser with raw bodies (see {@link FuzzedNotifications}). Without
 * {@code JAZZER_FUZZ} only the seeds in {@code EcrParserFuzzTestsInputs/} run; the
 * {@code fuzz} execution of the build fuzzes for {@code -Dfuzz.seconds}.
 */
class EcrParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"detail-type\"", "\"ECR Image Action\"", "\"detail\"", "\"action-type\"", "\"PUSH\"",
			"\"result\"", "\"SUCCESS\"", "\"repository-name\"", "\"image-tag\"", "\"image-digest\"", "\"account\"",
			"\"region\"", "\"123456789012\"", "\"us-east-1\"", "{", "}", "[", "]", ":", ",", "\\u0000", "\\ud800",
			"null", "1e999", "\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		FuzzedNotifications.parsesOrRefuses(Source.ECR, body);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(EcrParserFuzzTests.class, executions.get());
	}

}
