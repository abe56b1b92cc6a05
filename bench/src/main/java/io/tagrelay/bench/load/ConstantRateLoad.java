package io.tagrelay.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load (what wrk2 does and wrk does not): requests start at a constant
 * arrival rate whether or not earlier ones have been answered, and each latency is
 * measured from the moment its request was due, so a stall counts against every request
 * it delays (no coordinated omission).
 *
 * @param request the request to send
 * @param ratePerSecond arrivals per second
 * @param duration how long
 */
public record ConstantRateLoad(HttpRequest request, double ratePerSecond, Duration duration) {

	/**
	 * Runs the load.
	 * @return what was measured
	 * @throws InterruptedException if interrupted
	 */
	public Result run() throws InterruptedException {
		ExecutorService callbacks = Executors.newFixedThreadPool(2);
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(callbacks)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicLong non2xx = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		long period = (long) (1e9 / this.ratePerSecond);
		long count = (long) (this.ratePerSecond * this.duration.toNanos() / 1e9);
		CompletableFuture<?>[] sent = new CompletableFuture<?>[(int) count];
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long due = start + i * period;
			for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
				LockSupport.parkNanos(due - now);
			}
			sent[i] = http.sendAsync(this.request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, ex) -> {
				latencies.add(System.nanoTime() - due);
				if (ex != null) {
					failures.incrementAndGet();
				}
				else if (r.statusCode() / 100 != 2) {
					non2xx.incrementAndGet();
				}
			});
		}
		try {
			CompletableFuture.allOf(sent).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// counted as failures above
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		callbacks.shutdownNow();
		return new Result(this.ratePerSecond, count, seconds, Latencies.of(List.copyOf(latencies)), non2xx.get(),
				failures.get());
	}

	/**
	 * What an open-loop run measured.
	 *
	 * @param ratePerSecond the arrival rate
	 * @param requests requests sent
	 * @param seconds how long it took until the last was answered
	 * @param latencies from due time to answer
	 * @param non2xx answers that were not 2xx
	 * @param failures requests that got no answer
	 */
	public record Result(double ratePerSecond, long requests, double seconds, Latencies latencies, long non2xx,
			long failures) {
	}

}
