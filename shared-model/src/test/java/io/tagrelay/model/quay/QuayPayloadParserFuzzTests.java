package io.tagrelay.model.quay;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;
import org.junit.jupiter.api.AfterAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the Quay payload parser with raw bodies: it either refuses one with
 * {@link InvalidInputException}, or returns a canonical repository and valid tags; no
 * other exception escapes. Without {@code JAZZER_FUZZ} only the seeds in
 * {@code QuayPayloadParserFuzzTestsInputs/} run; the {@code fuzz} execution of the build
 * fuzzes for {@code -Dfuzz.seconds}.
 */
class QuayPayloadParserFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	final QuayPayloadParser parser = new QuayPayloadParser();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "\"docker_url\"", "\"updated_tags\"", "\"quay.io/acme/web\"", "\"1.2.3\"", "{", "}", "[", "]",
			":", ",", "\\u0000", "\\ud800", "null", "1e999", "\"" })
	void parsesOrRefusesEveryBody(byte[] body) {
		executions.incrementAndGet();
		QuayPush push;
		try {
			push = this.parser.parse(body);
		}
		catch (InvalidInputException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		assertThat(ImageReference.parseRepository(push.repository()).repository()).isEqualTo(push.repository());
		assertThat(push.tags()).isNotEmpty().hasSizeLessThanOrEqualTo(RegistryPush.MAX_TAGS).allMatch(Tags::isValid);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(QuayPayloadParserFuzzTests.class, executions.get());
	}

}
