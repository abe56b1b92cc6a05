package io.tagrelay.testing.cluster;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests the simulated API server received since it started or since the last
 * {@link #reset()}, counted by verb and resource as the API server's
 * {@code apiserver_request_total} counts them: {@code GET} of one object, {@code LIST} of
 * a collection, {@code WATCH} (long-lived: one per watch started, however long it runs),
 * and {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}. A resource is its plural
 * name, with its subresource if any ({@code deployments}, {@code deployments/status});
 * requests for no resource (discovery) count under {@code ""}. Every request is counted,
 * the ones answered with an injected fault too. The same counts are served, for another
 * process, in the Prometheus text format at {@code /metrics}, which counts itself not.
 */
public final class ApiRequests {

	/** The path at which {@link #metrics()} is served. */
	static final String METRICS_PATH = "/metrics";

	private static final Pattern RESOURCE = Pattern
		.compile("/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+)?/([^/]+)(?:/([^/]+)(?:/([^/]+))?)?");

	private final Map<Kind, LongAdder> counts = new ConcurrentHashMap<>();

	/**
	 * Requests of one verb for one resource.
	 * @param verb e.g. {@code GET}, {@code LIST}, {@code WATCH}, {@code PATCH}
	 * @param resource e.g. {@code deployments} or {@code deployments/status}
	 * @return how many since the last reset
	 */
	public long count(String verb, String resource) {
		LongAdder count = this.counts.get(new Kind(verb, resource));
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Every request that is not a watch: what a client pays for each time it asks.
	 * @return how many since the last reset
	 */
	public long withoutWatches() {
		return this.counts.entrySet()
			.stream()
			.filter((entry) -> !"WATCH".equals(entry.getKey().verb()))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
	}

	/**
	 * Every count, for a message.
	 * @return e.g. {@code {GET deployments=2, PATCH deployments=1}}, sorted
	 */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new TreeMap<>();
		this.counts.forEach((kind, count) -> counts.put(kind.verb() + " " + kind.resource(), count.sum()));
		return counts;
	}

	/**
	 * Forgets every count, to measure from now on.
	 */
	public void reset() {
		this.counts.clear();
	}

	@Override
	public String toString() {
		return counts().toString();
	}

	void received(String method, String path, boolean watch) {
		Matcher named = RESOURCE.matcher(path);
		String resource = "";
		String verb = method;
		if (named.matches()) {
			resource = named.group(1) + ((named.group(3) != null) ? "/" + named.group(3) : "");
			if ("GET".equals(method)) {
				verb = watch ? "WATCH" : (named.group(2) != null) ? "GET" : "LIST";
			}
		}
		this.counts.computeIfAbsent(new Kind(verb, resource), (kind) -> new LongAdder()).increment();
	}

	/**
	 * The counts as {@code apiserver_request_total} in the Prometheus text format.
	 * @return the text
	 */
	String metrics() {
		StringBuilder text = new StringBuilder("# TYPE apiserver_request_total counter\n");
		this.counts.forEach((kind, count) -> {
			String[] parts = kind.resource().split("/", 2);
			text.append("apiserver_request_total{verb=\"")
				.append(kind.verb())
				.append("\",resource=\"")
				.append(parts[0])
				.append("\",subresource=\"")
				.append((parts.length > 1) ? parts[1] : "")
				.append("\"} ")
				.append(count.sum())
				.append('\n');
		});
		return text.toString();
	}

	private record Kind(String verb, String resource) {
	}

}
