package io.tagrelay.model.image;

import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.FuzzRuns;
import org.junit.jupiter.api.AfterAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the image reference parser: it either refuses a text with
 * {@link InvalidReferenceException}, or returns a reference that prints as printable
 * ASCII and parses back to itself; no other exception escapes.
 */
class ImageReferenceFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "quay.io/", "docker.io/", "library/", "localhost:5000/", "index.docker.io/", ":", "@",
			"sha256:", "/", "..", "__", "-", "[::1]:", "v1.2.3" })
	void parsesOrRefusesEveryText(FuzzedDataProvider data) {
		executions.incrementAndGet();
		String text = data.consumeRemainingAsString();
		ImageReference reference;
		try {
			reference = ImageReference.parse(text);
		}
		catch (InvalidReferenceException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		String printed = reference.toString();
		assertThat(printed.chars()).allMatch((c) -> c > 0x20 && c < 0x7f);
		assertThat(ImageReference.parse(printed)).isEqualTo(reference);
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		FuzzRuns.report(ImageReferenceFuzzTests.class, executions.get());
	}

}
