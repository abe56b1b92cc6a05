package io.tagrelay.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.tagrelay.model.quay.QuayPayloadParser;
import io.tagrelay.model.quay.QuayPush;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing a Quay {@code repo_push} body, as the ingest does for every webhook: the usual
 * two tags, and the most a push may carry (1,000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QuayParsingBenchmark {

	@Param({ "2", "1000" })
	int tags;

	private final QuayPayloadParser parser = new QuayPayloadParser();

	private byte[] body;

	@Setup
	public void payload() {
		String updatedTags = IntStream.range(0, this.tags)
			.mapToObj((i) -> (i == 0) ? "\"latest\"" : "\"1." + (i / 100) + "." + (i % 100) + "\"")
			.collect(Collectors.joining(","));
		this.body = ("{\"repository\":\"acme/web\",\"namespace\":\"acme\",\"name\":\"web\","
				+ "\"docker_url\":\"quay.io/acme/web\",\"homepage\":\"https://quay.io/repository/acme/web\","
				+ "\"updated_tags\":[" + updatedTags + "]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public QuayPush parse() {
		return this.parser.parse(this.body);
	}

}
