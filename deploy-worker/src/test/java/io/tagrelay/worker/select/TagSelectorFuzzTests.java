package io.tagrelay.worker.select;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;
import io.tagrelay.model.target.TagPolicy;
import io.tagrelay.support.targets.TagRange;
import io.tagrelay.support.targets.VersionOrder;
import org.junit.jupiter.api.AfterAll;
import org.semver4j.Semver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the tag selection with what can reach it: a running tag and pushed tags that are
 * valid tags (the model refuses others before), and a range the worker's configuration
 * accepts. No exception escapes, and a chosen tag is always one of the pushed, greater
 * than the running one and inside the range: never a downgrade.
 */
class TagSelectorFuzzTests {

	static final AtomicLong executions = new AtomicLong();

	static final AtomicLong selections = new AtomicLong();

	static final String[] RANGES = { "*", "^1.2.0", "~1.2", ">=2 <3", "1.x", ">=0.0.1-alpha", "<1.0.0 || >=2.0.0",
			"1.2.3 - 2.3.4" };

	final TagSelector selector = new TagSelector();

	@FuzzTest(maxDuration = "10s")
	@DictionaryEntries({ "1.2.3", "0.0.2-SNAPSHOT", "-SNAPSHOT.2", "v", ".", "-rc.1", "-alpha", "+build.5", "^", "~",
			">=", "<", " || ", " - ", "x", "*", "99999999999999999999" })
	void choosesOnlyAnUpgradeInsideThePolicy(FuzzedDataProvider data) {
		executions.incrementAndGet();
		String runningTag = data.consumeString(40);
		boolean includePrereleases = data.consumeBoolean();
		String range = data.consumeBoolean() ? data.pickValue(RANGES) : data.consumeString(30);
		List<String> pushed = new ArrayList<>();
		int count = data.consumeInt(0, 8);
		for (int i = 0; i < count; i++) {
			String tag = data.consumeString(40);
			if (Tags.isValid(tag)) {
				pushed.add(tag);
			}
		}
		// what cannot reach the selector is replaced, so that every input exercises it
		if (!Tags.isValid(runningTag)) {
			runningTag = "1.0.0";
		}
		if (!isAcceptedRange(range)) {
			range = TagPolicy.ANY;
		}
		selections.incrementAndGet();
		ImageReference running = ImageReference.parse("quay.io/acme/web:" + runningTag);

		Selection selection = this.selector.select(running, pushed, new TagPolicy(range, includePrereleases));

		if (selection.chosen()) {
			assertThat(pushed).contains(selection.tag());
			Semver chosen = Semver.parse(selection.tag());
			assertThat(chosen).isNotNull();
			assertThat(VersionOrder.compare(chosen, Semver.parse(running.tag()))).isPositive();
			assertThat(TagRange.parse(new TagPolicy(range, true).range(), true).includes(chosen)).isTrue();
		}
		else {
			assertThat(selection.reason()).isNotBlank();
		}
	}

	// as the worker's configuration checks tag-policy.range
	private static boolean isAcceptedRange(String range) {
		try {
			TagRange.parse(new TagPolicy(range, false).range(), false);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@AfterAll
	static void ranEnoughToMeanSomething() {
		boolean fuzzing = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();
		System.out.println("TagSelectorFuzzTests: " + executions.get() + " executions, " + selections.get()
				+ " reaching the selector (" + (fuzzing ? "fuzzing" : "regression: seeds only") + ")");
		assertThat(executions.get()).isGreaterThanOrEqualTo(1);
		if (fuzzing) {
			assertThat(selections.get()).as("fuzz inputs that reached the selector").isGreaterThanOrEqualTo(200);
		}
	}

}
