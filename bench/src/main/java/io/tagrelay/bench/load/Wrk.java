package io.tagrelay.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs wrk (closed loop: each connection sends its next request when the last one is
 * answered) with {@code bench/wrk/tagrelay.lua} and reads the line its {@code done()}
 * prints.
 *
 * @param script the Lua script
 * @param threads wrk threads
 * @param connections open connections
 */
public record Wrk(Path script, int threads, int connections) {

	/**
	 * Runs wrk.
	 * @param url the URL
	 * @param duration how long
	 * @param scriptArgs the script's arguments
	 * @return what wrk measured
	 * @throws IOException if wrk cannot run
	 * @throws InterruptedException if interrupted
	 */
	public Result run(String url, Duration duration, String... scriptArgs) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("wrk", "-t" + this.threads, "-c" + this.connections,
				"-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "5s", "-s", this.script.toString(), url,
				"--"));
		command.addAll(List.of(scriptArgs));
		Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (wrk.waitFor() != 0) {
			throw new IOException("wrk failed: " + output);
		}
		return output.lines()
			.filter((line) -> line.startsWith("WRK "))
			.findFirst()
			.map(Result::parse)
			.orElseThrow(() -> new IOException("no WRK line in wrk's output: " + output));
	}

	/**
	 * What one wrk run measured.
	 *
	 * @param requests completed requests
	 * @param seconds the run's length
	 * @param socketErrors connect, read, write errors and timeouts
	 * @param non2xx answers that were neither 2xx nor 3xx
	 * @param p50Millis median latency
	 * @param p90Millis 90th percentile latency
	 * @param p99Millis 99th percentile latency
	 * @param maxMillis slowest
	 */
	public record Result(long requests, double seconds, long socketErrors, long non2xx, double p50Millis,
			double p90Millis, double p99Millis, double maxMillis) {

		static Result parse(String line) {
			Map<String, Long> values = new HashMap<>();
			for (String pair : line.substring(4).trim().split(" ")) {
				String[] kv = pair.split("=");
				values.put(kv[0], Long.parseLong(kv[1]));
			}
			return new Result(values.get("requests"), values.get("duration_us") / 1e6,
					values.get("connect") + values.get("read") + values.get("write") + values.get("timeout"),
					values.get("status"), values.get("p50_us") / 1e3, values.get("p90_us") / 1e3,
					values.get("p99_us") / 1e3, values.get("max_us") / 1e3);
		}

		/**
		 * Requests per second.
		 * @return the rate
		 */
		public double rate() {
			return this.requests / this.seconds;
		}

	}

}
