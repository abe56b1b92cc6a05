package io.tagrelay.bench.jmh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.TagPolicy;
import io.tagrelay.worker.select.Selection;
import io.tagrelay.worker.select.TagSelector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Choosing the tag to deploy from a push of 1,000 tags (the most a push may carry):
 * versions, pre-releases and non-versions in random order, with the default policy and
 * with a range.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TagSelectionBenchmark {

	@Param({ "*", "^1.2.0" })
	String range;

	private final TagSelector selector = new TagSelector();

	private final ImageReference running = ImageReference.parse("quay.io/acme/web:1.2.3");

	private List<String> tags;

	private TagPolicy policy;

	@Setup
	public void tags() {
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			tags.add(switch (i % 10) {
				case 0 -> "sha-" + Integer.toHexString(0x10000 + i);
				case 1 -> "1." + (i % 7) + "." + (i % 31) + "-rc." + (i % 5);
				case 2 -> "v2." + (i % 13) + "." + (i % 17);
				default -> (i % 3) + "." + (i % 11) + "." + (i % 97);
			});
		}
		tags.set(0, "latest");
		Collections.shuffle(tags, new Random(7));
		this.tags = List.copyOf(tags);
		this.policy = new TagPolicy(this.range, false);
	}

	@Benchmark
	public Selection select() {
		return this.selector.select(this.running, this.tags, this.policy);
	}

}
