package io.tagrelay.model.source;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes every source's parser with raw bodies (see {@link FuzzedNotifications}): the
 * input's last byte picks the source (as Jazzer's {@link FuzzedDataProvider} reads it),
 * the rest is the body, so that one run in one JVM covers all of them. Without
 * {@code JAZZER_FUZZ} only the seeds in {@code SourceParsersFuzzTestsInputs/} run (each a
 * body of the payload corpus or an edge case, named after its source); the {@code fuzz}
 * execution of the build fuzzes for {@code -Dfuzz.seconds}.
 */
class SourceParsersFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"action\"", "\"push\"", "\"ping\"", "\"target\"", "\"repository\"", "\"tag\"", "\"digest\"",
			"\"request\"", "\"host\"", "{", "}", "[", "]", ":", ",", "\\u0000", "\\ud800", "null", "1e999", "\"",
			"\"message\"", "\"data\"", "\"messageId\"", "\"subscription\"", "\"eyJhY3Rpb24iOiJJTlNFUlQifQ==\"",
			"\"events\"", "\"pull\"", "\"mediaType\"", "\"push_data\"", "\"repo_name\"", "\"acme/web\"", "\"1.2.3\"",
			"\"detail-type\"", "\"ECR Image Action\"", "\"detail\"", "\"action-type\"", "\"PUSH\"", "\"result\"",
			"\"SUCCESS\"", "\"repository-name\"", "\"image-tag\"", "\"image-digest\"", "\"account\"", "\"region\"",
			"\"123456789012\"", "\"us-east-1\"", "\"tags\"", "\"quay.io/acme/web\"",
			"\"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "\"published\"",
			"\"updated\"", "\"package\"", "\"namespace\"", "\"name\"", "\"package_type\"", "\"CONTAINER\"",
			"\"package_version\"", "\"container_metadata\"", "\"owner\"", "\"login\"", "\"type\"", "\"PUSH_ARTIFACT\"",
			"\"harbor.artifact.pushed\"", "\"specversion\"", "\"event_data\"", "\"resources\"", "\"resource_url\"",
			"\"repo_full_name\"", "\"docker_url\"", "\"updated_tags\"", "\"pruned_image_count\"" })
	void parsesOrRefusesEveryBodyOfEverySource(FuzzedDataProvider data) {
		executions.incrementAndGet();
		Source source = data.pickValue(Source.values());
		FuzzedNotifications.parsesOrRefuses(source, data.consumeRemainingAsBytes());
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(SourceParsersFuzzTests.class, executions.get());
	}

}
