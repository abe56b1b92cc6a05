package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Faults that the simulated API server serves instead of (or on top of) its answers, by
 * method and path (without the query, e.g. {@link SimulatedCluster#deploymentPath}), and
 * the counts of requests and faults served.
 */
public final class Faults {

	private final Map<String, Queue<Fault>> pending = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final List<Outage> outages = new CopyOnWriteArrayList<>();

	Faults() {
	}

	/**
	 * Answers the next requests with an error status instead of handling them.
	 * @param method the HTTP method
	 * @param path the path
	 * @param status the status
	 * @param times how many requests
	 */
	public void fail(String method, String path, int status, int times) {
		add(method, path, new Fault(status, null), times);
	}

	/**
	 * Handles the next requests, but answers them only after a delay (past the client's
	 * request timeout, the client gives up on a request the server did carry out).
	 * @param method the HTTP method
	 * @param path the path
	 * @param delay how late the answer comes
	 * @param times how many requests
	 */
	public void answerLate(String method, String path, Duration delay, int times) {
		add(method, path, new Fault(0, delay), times);
	}

	/**
	 * Answers every request with a method to a path with an error status for a while, as
	 * an API server that is down (or a load balancer in front of it) would.
	 * @param method the HTTP method
	 * @param path the path
	 * @param status the status, e.g. 503
	 * @param duration for how long, from now
	 */
	public void failFor(String method, String path, int status, Duration duration) {
		this.outages.add(new Outage(method, path, status, System.nanoTime() + duration.toNanos()));
	}

	/**
	 * Answers every request, whatever its method and path, with 503 for a while: the API
	 * server is down (its watches and the controller's lists fail too).
	 * @param duration for how long, from now
	 */
	public void outage(Duration duration) {
		this.outages.add(new Outage(null, null, 503, System.nanoTime() + duration.toNanos()));
	}

	private void add(String method, String path, Fault fault, int times) {
		Queue<Fault> queue = this.pending.computeIfAbsent(key(method, path), (k) -> new ConcurrentLinkedQueue<>());
		for (int i = 0; i < times; i++) {
			queue.add(fault);
		}
	}

	/**
	 * Counts a request and takes the fault to serve it, if one is due.
	 * @return the fault, or {@code null} to answer it as the server would
	 */
	Fault next(String method, String path) {
		String key = key(method, path);
		count(this.requests, key).incrementAndGet();
		Queue<Fault> queue = this.pending.get(key);
		long now = System.nanoTime();
		Fault fault = this.outages.stream()
			.filter((outage) -> outage.covers(method, path, now))
			.findFirst()
			.map((outage) -> new Fault(outage.status(), null))
			.orElseGet(() -> (queue != null) ? queue.poll() : null);
		if (fault != null) {
			count(this.served, key).incrementAndGet();
		}
		return fault;
	}

	/**
	 * How many injected faults were served.
	 * @param method the HTTP method
	 * @param path the path
	 * @return the count
	 */
	public int served(String method, String path) {
		return count(this.served, key(method, path)).get();
	}

	/**
	 * How many requests with a method the server received for a path.
	 * @param method the HTTP method
	 * @param path the path
	 * @return the count
	 */
	public int requests(String method, String path) {
		return count(this.requests, key(method, path)).get();
	}

	private static AtomicInteger count(Map<String, AtomicInteger> counts, String key) {
		return counts.computeIfAbsent(key, (k) -> new AtomicInteger());
	}

	private static String key(String method, String path) {
		return method + " " + path;
	}

	/**
	 * An error status served for a while, to a method and path or to everything.
	 */
	private record Outage(String method, String path, int status, long untilNanos) {

		boolean covers(String method, String path, long now) {
			return now < this.untilNanos && (this.method == null || this.method.equals(method))
					&& (this.path == null || this.path.equals(path));
		}

	}

	/**
	 * An injected fault: an error status, or a late answer.
	 *
	 * @param status the status to answer, 0 to handle the request
	 * @param delay how late to answer, or {@code null}
	 */
	record Fault(int status, Duration delay) {

		MockResponse response() {
			return ClusterDispatcher.status(this.status, null, "injected fault");
		}

	}

}
