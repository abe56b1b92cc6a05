package io.tagrelay.bench.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A registry for the scan figure: every repository has the same {@code tags} version tags
 * ({@code 1.0.0} to {@code 1.0.<tags-1>}), listed in pages of 100 with {@code Link}
 * headers as Quay pages them, and a manifest for each. It counts the tag-list pages and
 * manifest lookups it answers. Plain HTTP on loopback (the worker's
 * {@code tagrelay.registries[0].insecure}).
 */
public final class BenchRegistry implements AutoCloseable {

	private static final int PAGE = 100;

	private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");

	private static final String DIGEST = "sha256:" + "ab".repeat(32);

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final int tags;

	private final AtomicLong tagPages = new AtomicLong();

	private final AtomicLong lookups = new AtomicLong();

	/**
	 * Starts a registry on a free loopback port.
	 * @param tags the tags of every repository
	 * @throws IOException if it cannot listen
	 */
	public BenchRegistry(int tags) throws IOException {
		this.tags = tags;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v2/", this::answer);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * The host and port, as image references name it.
	 * @return e.g. {@code 127.0.0.1:40123}
	 */
	public String host() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The tag-list pages answered so far.
	 * @return the count
	 */
	public long tagPages() {
		return this.tagPages.get();
	}

	/**
	 * The manifest lookups answered so far.
	 * @return the count
	 */
	public long lookups() {
		return this.lookups.get();
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Matcher tagList = TAGS.matcher(path);
			if (tagList.matches()) {
				this.tagPages.incrementAndGet();
				page(exchange, tagList.group(1), exchange.getRequestURI().getQuery());
				return;
			}
			this.lookups.incrementAndGet();
			exchange.getResponseHeaders().set("Docker-Content-Digest", DIGEST);
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private void page(HttpExchange exchange, String repository, String query) throws IOException {
		int from = 0;
		if (query != null && query.contains("last=1.0.")) {
			String last = query.substring(query.indexOf("last=1.0.") + "last=1.0.".length()).split("&")[0];
			from = Integer.parseInt(last) + 1;
		}
		int to = Math.min(this.tags, from + PAGE);
		if (to < this.tags) {
			exchange.getResponseHeaders()
				.set("Link",
						"</v2/" + repository + "/tags/list?n=" + PAGE + "&last=1.0." + (to - 1) + ">; rel=\"next\"");
		}
		String tags = IntStream.range(from, to).mapToObj((i) -> "\"1.0." + i + "\"").collect(Collectors.joining(","));
		byte[] body = ("{\"name\":\"" + repository + "\",\"tags\":[" + tags + "]}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
