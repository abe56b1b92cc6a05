package io.tagrelay.worker.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small OCI Distribution registry on the loopback interface, for tests of the worker's
 * registry client: manifests by repository and tag ({@code HEAD} and {@code GET
 * /v2/<name>/manifests/<reference>}), anonymous, HTTP basic or bearer-token access (with
 * its own token endpoint at {@code /token}), and scripted failures. It records every
 * request it gets.
 */
public final class TestRegistry implements AutoCloseable {

	private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

	private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");

	private static final Pattern REPOSITORY = Pattern.compile("/v2/(.+)/(?:manifests/[^/]+|tags/list)");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "test-registry");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();

	private final Set<String> issued = ConcurrentHashMap.newKeySet();

	private final Deque<Failure> failures = new ArrayDeque<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile String basic;

	private volatile boolean bearer;

	private volatile String tokenCredentials;

	private volatile long tokenLifetime;

	private volatile boolean sendsDigest = true;

	private volatile int tagPageSize = 100;

	private TestRegistry() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/v2/", this::manifest);
		this.server.createContext("/token", this::token);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Starts a registry that everyone may read.
	 * @return the registry
	 */
	public static TestRegistry start() {
		return new TestRegistry();
	}

	/**
	 * Asks for HTTP basic credentials from now on.
	 * @param username the user
	 * @param password the password
	 * @return this registry
	 */
	public TestRegistry requireBasic(String username, String password) {
		this.basic = basicHeader(username, password);
		return this;
	}

	/**
	 * Asks for a bearer token from its token endpoint from now on, which issues tokens to
	 * the given credentials (or to anyone, when {@code username} is {@code null}).
	 * @param username the user the token endpoint asks for, or {@code null}
	 * @param password the password
	 * @param lifetime the {@code expires_in} of each token
	 * @return this registry
	 */
	public TestRegistry requireBearer(String username, String password, Duration lifetime) {
		this.bearer = true;
		this.tokenCredentials = (username != null) ? basicHeader(username, password) : null;
		this.tokenLifetime = lifetime.toSeconds();
		return this;
	}

	/**
	 * Answers {@code HEAD} without {@code Docker-Content-Digest}, as some registries do.
	 * @return this registry
	 */
	public TestRegistry withoutDigestHeader() {
		this.sendsDigest = false;
		return this;
	}

	/**
	 * Pages tag lists at most this many tags, whatever {@code n} asks (Quay pages at 100,
	 * the default).
	 * @param size the most tags on one page
	 * @return this registry
	 */
	public TestRegistry pagingTagsAt(int size) {
		this.tagPageSize = size;
		return this;
	}

	/**
	 * Stores a new manifest under a tag.
	 * @param repository the repository's path, e.g. {@code acme/web}
	 * @param tag the tag
	 * @return the manifest's digest
	 */
	public String push(String repository, String tag) {
		byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
				+ "\"annotations\":{\"test\":\"" + UUID.randomUUID() + "\"}}")
			.getBytes(StandardCharsets.UTF_8);
		this.manifests.put(repository + ":" + tag, manifest);
		return digest(manifest);
	}

	/**
	 * Answers the next manifest requests with a failure.
	 * @param status the status, e.g. 429 or 503
	 * @param retryAfter the {@code Retry-After} header, or {@code null}
	 * @param times how many requests
	 */
	public synchronized void fail(int status, String retryAfter, int times) {
		for (int i = 0; i < times; i++) {
			this.failures.add(new Failure(status, retryAfter));
		}
	}

	/**
	 * The registry's host and port, as image references name it.
	 * @return e.g. {@code 127.0.0.1:41234}
	 */
	public String host() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Every request so far, in order.
	 * @return the requests
	 */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The requests so far to a path.
	 * @param path e.g. {@code /token}
	 * @return the requests
	 */
	public List<Request> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	private void manifest(HttpExchange exchange) throws IOException {
		Request request = record(exchange);
		Failure failure = nextFailure();
		if (failure != null) {
			if (failure.retryAfter() != null) {
				exchange.getResponseHeaders().set("Retry-After", failure.retryAfter());
			}
			answer(exchange, failure.status(), null);
			return;
		}
		if (!authorized(request.authorization())) {
			exchange.getResponseHeaders().set("WWW-Authenticate", challenge(exchange));
			answer(exchange, 401, null);
			return;
		}
		Matcher tags = TAGS.matcher(request.path());
		if (tags.matches() && request.method().equals("GET")) {
			tagList(exchange, tags.group(1), request.query());
			return;
		}
		Matcher matcher = MANIFEST.matcher(request.path());
		byte[] manifest = matcher.matches() ? find(matcher.group(1), matcher.group(2)) : null;
		if (manifest == null) {
			answer(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
		if (this.sendsDigest) {
			exchange.getResponseHeaders().set("Docker-Content-Digest", digest(manifest));
		}
		answer(exchange, 200, manifest);
	}

	// the repository's tags in lexical order as Distribution lists them, a page after
	// the tag in last, and a Link to the next page when there is one
	private void tagList(HttpExchange exchange, String repository, Map<String, String> query) throws IOException {
		List<String> all = this.manifests.keySet()
			.stream()
			.filter((key) -> key.startsWith(repository + ":"))
			.map((key) -> key.substring(repository.length() + 1))
			.sorted()
			.toList();
		if (all.isEmpty()) {
			answer(exchange, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		int asked = Integer.parseInt(query.getOrDefault("n", "100"));
		int size = Math.min(asked, this.tagPageSize);
		String last = query.get("last");
		List<String> after = all.stream().filter((tag) -> last == null || tag.compareTo(last) > 0).toList();
		List<String> page = after.subList(0, Math.min(size, after.size()));
		if (after.size() > page.size()) {
			exchange.getResponseHeaders()
				.set("Link", "</v2/" + repository + "/tags/list?n=" + asked + "&last=" + page.get(page.size() - 1)
						+ ">; rel=\"next\"");
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		String tags = page.stream().map((tag) -> "\"" + tag + "\"").collect(Collectors.joining(","));
		answer(exchange, 200,
				("{\"name\":\"" + repository + "\",\"tags\":[" + tags + "]}").getBytes(StandardCharsets.UTF_8));
	}

	private byte[] find(String repository, String reference) {
		if (reference.startsWith("sha256:")) {
			return this.manifests.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().startsWith(repository + ":"))
				.map(Map.Entry::getValue)
				.filter((manifest) -> digest(manifest).equals(reference))
				.findFirst()
				.orElse(null);
		}
		return this.manifests.get(repository + ":" + reference);
	}

	private synchronized Failure nextFailure() {
		return this.failures.poll();
	}

	private boolean authorized(String authorization) {
		if (this.bearer) {
			return authorization != null && authorization.startsWith("Bearer ")
					&& this.issued.contains(authorization.substring(7));
		}
		return this.basic == null || this.basic.equals(authorization);
	}

	private String challenge(HttpExchange exchange) {
		if (!this.bearer) {
			return "Basic realm=\"test-registry\"";
		}
		Matcher matcher = REPOSITORY.matcher(exchange.getRequestURI().getPath());
		String repository = matcher.matches() ? matcher.group(1) : "";
		return "Bearer realm=\"http://" + host() + "/token\",service=\"test-registry\",scope=\"repository:" + repository
				+ ":pull\"";
	}

	private void token(HttpExchange exchange) throws IOException {
		Request request = record(exchange);
		if (this.tokenCredentials != null && !this.tokenCredentials.equals(request.authorization())) {
			answer(exchange, 401, null);
			return;
		}
		String token = "token-" + (this.issued.size() + 1);
		this.issued.add(token);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		answer(exchange, 200, ("{\"token\":\"" + token + "\",\"expires_in\":" + this.tokenLifetime + "}")
			.getBytes(StandardCharsets.UTF_8));
	}

	private Request record(HttpExchange exchange) {
		Map<String, String> query = new LinkedHashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int equals = pair.indexOf('=');
				query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query,
				exchange.getRequestHeaders().getFirst("Authorization"),
				exchange.getRequestHeaders().getFirst("Accept"));
		this.requests.add(request);
		return request;
	}

	private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
		boolean head = exchange.getRequestMethod().equals("HEAD");
		if (body != null && head) {
			exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
		}
		exchange.sendResponseHeaders(status, (body == null || head) ? -1 : body.length);
		if (body != null && !head) {
			exchange.getResponseBody().write(body);
		}
		exchange.close();
	}

	/**
	 * The digest of a manifest's bytes.
	 * @param manifest the bytes
	 * @return {@code sha256:<hex>}
	 */
	static String digest(byte[] manifest) {
		try {
			return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String basicHeader(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One request the registry got.
	 *
	 * @param method the method
	 * @param path the path
	 * @param query the query parameters
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param accept the {@code Accept} header, or {@code null}
	 */
	public record Request(String method, String path, Map<String, String> query, String authorization, String accept) {
	}

	private record Failure(int status, String retryAfter) {
	}

}
