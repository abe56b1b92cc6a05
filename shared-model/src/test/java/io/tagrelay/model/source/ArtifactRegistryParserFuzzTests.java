package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the artifact registry parser with raw bodies (see {@link FuzzedNotifications}).
 * Without {@code JAZZER_FUZZ} only the seeds in
 * {@code ArtifactRegistryParserFuzzTestsInputs/} run; the {@code fuzz} execution of the
 * build fuzzes for {@code -Dfuzz.seconds}.
 */
class ArtifactRegistryParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"message\"", "\"data\"", "\"messageId\"", "\"subscription\"",
			"\"eyJhY3Rpb24iOiJJTlNFUlQifQ==\"", "{", "}", "[", "]", ":", ",", "\\u0000", "\\ud800", "null", "1e999",
			"\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		FuzzedNotifications.parsesOrRefuses(Source.ARTIFACT_REGISTRY, body);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(ArtifactRegistryParserFuzzTests.class, executions.get());
	}

}
