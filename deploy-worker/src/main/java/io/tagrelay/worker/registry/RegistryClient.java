package io.tagrelay.worker.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tagrelay.model.Secret;
import io.tagrelay.model.image.Digests;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;
import io.tagrelay.worker.registry.RegistryHosts.Access;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A client of the OCI Distribution API, the API every registry serves: it asks whether a
 * registry has a manifest, and its digest. It signs in as the registry asks
 * ({@code WWW-Authenticate}): with HTTP basic credentials, or with a bearer token from
 * the registry's token endpoint (fetched with the basic credentials if any, anonymously
 * otherwise, and kept until its {@code expires_in}). No answer, {@code 408}, {@code 429}
 * and {@code 5xx} are retried with Resilience4j ({@code tagrelay.registry.retry.*}),
 * after the registry's {@code Retry-After} when it sends one; the waits run on a
 * scheduler, so tests never sleep.
 */
public class RegistryClient implements AutoCloseable {

	/** The manifest media types a lookup accepts: OCI and Docker, images and indexes. */
	static final String ACCEPT = String.join(", ", "application/vnd.oci.image.manifest.v1+json",
			"application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
			"application/vnd.docker.distribution.manifest.list.v2+json");

	private static final Log logger = LogFactory.getLog(RegistryClient.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// the token lifetime the distribution spec prescribes when expires_in is missing
	private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

	private final RegistryHosts hosts;

	private final RegistryClientProperties properties;

	private final HttpClient http;

	private final ScheduledExecutorService scheduler;

	private final Retry retry;

	private final TokenCache tokens;

	private final Set<String> basicHosts = ConcurrentHashMap.newKeySet();

	public RegistryClient(RegistryHosts hosts, RegistryClientProperties properties, Clock clock) {
		this(hosts, properties, new ScheduledThreadPoolExecutor(2, new CustomizableThreadFactory("registry-")), clock);
	}

	RegistryClient(RegistryHosts hosts, RegistryClientProperties properties, ScheduledExecutorService scheduler,
			Clock clock) {
		this.hosts = hosts;
		this.properties = properties;
		this.scheduler = scheduler;
		this.tokens = new TokenCache(clock);
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.retry = Retry.of("registry", retryConfig(properties.retry()));
		this.retry.getEventPublisher()
			.onRetry((event) -> logger.warn("Registry request failed, attempt " + event.getNumberOfRetryAttempts()
					+ " of " + properties.retry().maxAttempts() + ", next in " + event.getWaitInterval().toMillis()
					+ "ms: " + event.getLastThrowable().getMessage()));
	}

	private static RetryConfig retryConfig(RegistryClientProperties.Retry settings) {
		IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(settings.initialInterval(),
				settings.multiplier(), settings.maxInterval());
		return RetryConfig.custom()
			.maxAttempts(settings.maxAttempts())
			.retryOnException(TransientFailure.class::isInstance)
			.intervalBiFunction((attempt, result) -> {
				if (result.isLeft() && result.getLeft() instanceof TransientFailure failure
						&& failure.retryAfter() != null) {
					return Math.min(failure.retryAfter().toMillis(), settings.maxRetryAfter().toMillis());
				}
				return backoff.apply(attempt);
			})
			.build();
	}

	/**
	 * Asks a registry for a manifest ({@code HEAD /v2/<name>/manifests/<reference>}).
	 * @param image the image: its digest if it names one, else its tag
	 * @return the manifest's digest, or empty if the registry does not have it
	 * @throws RegistryUnavailableException if the registry did not say, after the retries
	 */
	public Optional<String> manifestDigest(ImageReference image) {
		Access access = this.hosts.forRegistry(image.registry());
		String reference = (image.digest() != null) ? image.digest() : image.tag();
		URI manifest = access.base().resolve("/v2/" + image.path() + "/manifests/" + reference);
		return withRetries(() -> lookUp(access, image.path(), manifest));
	}

	/**
	 * Lists a repository's tags ({@code GET /v2/<name>/tags/list}), following the
	 * registry's {@code Link} pagination (Quay pages at 100) for at most
	 * {@code tagrelay.registry.max-tag-pages} pages; each page is retried on its own.
	 * @param repository the repository, e.g. {@code quay.io/acme/web}
	 * @return the tags, in the registry's order, or empty if the registry does not know
	 * the repository
	 * @throws RegistryUnavailableException if the registry did not say, after the retries
	 */
	public List<String> tags(ImageReference repository) {
		Access access = this.hosts.forRegistry(repository.registry());
		URI page = access.base().resolve("/v2/" + repository.path() + "/tags/list?n=" + this.properties.tagPageSize());
		List<String> tags = new ArrayList<>();
		for (int pages = 0; page != null; pages++) {
			if (pages == this.properties.maxTagPages()) {
				logger.warn(repository + ": more than " + pages + " pages of tags; the scan reads the first "
						+ tags.size() + " (tagrelay.registry.max-tag-pages)");
				break;
			}
			URI current = page;
			TagPage read = withRetries(() -> tagPage(access, repository.path(), current));
			tags.addAll(read.tags());
			page = read.next();
		}
		return tags;
	}

	private TagPage tagPage(Access access, String repository, URI page) {
		HttpResponse<String> response = send(access, repository, HttpRequest.newBuilder(page).GET(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return new TagPage(List.of(), null);
		}
		if (response.statusCode() != 200) {
			throw unexpected(access, response.statusCode(), response);
		}
		List<String> tags = new ArrayList<>();
		try {
			for (JsonNode tag : JSON.readTree(response.body()).path("tags")) {
				if (tag.isString() && Tags.isValid(tag.asString())) {
					tags.add(tag.asString());
				}
			}
		}
		catch (JacksonException ex) {
			throw new RegistryUnavailableException(access.host() + " answered a tag list that is not JSON", false);
		}
		URI next = LinkHeader.next(response.headers().firstValue("Link").orElse(null))
			.map((link) -> access.base().resolve(link))
			.filter((link) -> sameOrigin(link, access.base()))
			.orElse(null);
		return new TagPage(tags, next);
	}

	// credentials go only where the registry itself is
	private static boolean sameOrigin(URI link, URI base) {
		return base.getScheme().equalsIgnoreCase(link.getScheme()) && base.getAuthority() != null
				&& base.getAuthority().equalsIgnoreCase(link.getAuthority());
	}

	private <T> T withRetries(Supplier<T> attempt) {
		CompletableFuture<T> attempts = this.retry.executeCompletionStage(this.scheduler, () -> {
			try {
				return CompletableFuture.completedFuture(attempt.get());
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}).toCompletableFuture();
		try {
			return attempts.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof TransientFailure failure) {
				throw new RegistryUnavailableException(
						failure.getMessage() + " (after " + this.properties.retry().maxAttempts() + " attempts)", true);
			}
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private Optional<String> lookUp(Access access, String repository, URI manifest) {
		HttpResponse<Void> response = send(access, repository,
				HttpRequest.newBuilder(manifest).method("HEAD", HttpRequest.BodyPublishers.noBody()),
				HttpResponse.BodyHandlers.discarding());
		int status = response.statusCode();
		if (status == 404) {
			return Optional.empty();
		}
		if (status != 200) {
			throw unexpected(access, status, response);
		}
		Optional<String> digest = response.headers().firstValue("Docker-Content-Digest").filter(Digests::isValid);
		return digest.isPresent() ? digest : Optional.of(digestOfBody(access, repository, manifest));
	}

	// a registry that answers HEAD without Docker-Content-Digest: the digest is that of
	// the manifest's exact bytes
	private String digestOfBody(Access access, String repository, URI manifest) {
		HttpResponse<byte[]> response = send(access, repository, HttpRequest.newBuilder(manifest).GET(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw unexpected(access, response.statusCode(), response);
		}
		try {
			return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a request signed in as the registry asks: with what worked before, and after
	 * a {@code 401} with what its challenge asks for, once.
	 */
	private <T> HttpResponse<T> send(Access access, String repository, HttpRequest.Builder request,
			HttpResponse.BodyHandler<T> body) {
		Optional<String> known = knownAuthorization(access, repository);
		HttpResponse<T> response = exchange(access, request, known, body);
		if (response.statusCode() == 401) {
			this.tokens.forget(access.host(), repository);
			Optional<String> asked = Challenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(null))
				.flatMap((challenge) -> authorization(access, repository, challenge));
			if (asked.isEmpty() || asked.equals(known)) {
				throw denied(access, 401);
			}
			response = exchange(access, request, asked, body);
		}
		if (response.statusCode() == 401 || response.statusCode() == 403) {
			throw denied(access, response.statusCode());
		}
		return response;
	}

	private Optional<String> knownAuthorization(Access access, String repository) {
		if (access.credentials() instanceof Credentials.Token token) {
			return Optional.of(token.header());
		}
		Optional<Secret> cached = this.tokens.get(access.host(), repository);
		if (cached.isPresent()) {
			return Optional.of("Bearer " + cached.get().reveal());
		}
		if (access.credentials() instanceof Credentials.Basic basic && this.basicHosts.contains(access.host())) {
			return Optional.of(basic.header());
		}
		return Optional.empty();
	}

	private Optional<String> authorization(Access access, String repository, Challenge challenge) {
		if (access.credentials() instanceof Credentials.Token) {
			return Optional.empty();
		}
		if (challenge.isBearer()) {
			return Optional.of("Bearer " + fetchToken(access, repository, challenge).reveal());
		}
		if (challenge.isBasic() && access.credentials() instanceof Credentials.Basic basic) {
			this.basicHosts.add(access.host());
			return Optional.of(basic.header());
		}
		return Optional.empty();
	}

	private Secret fetchToken(Access access, String repository, Challenge challenge) {
		URI realm = realm(access, challenge.parameter("realm"));
		String scope = Optional.ofNullable(challenge.parameter("scope")).orElse("repository:" + repository + ":pull");
		StringBuilder query = new StringBuilder("scope=").append(encode(scope));
		if (challenge.parameter("service") != null) {
			query.append("&service=").append(encode(challenge.parameter("service")));
		}
		URI uri = URI.create(realm + ((realm.getQuery() == null) ? "?" : "&") + query);
		Optional<String> basic = (access.credentials() instanceof Credentials.Basic credentials)
				? Optional.of(credentials.header()) : Optional.empty();
		HttpResponse<String> response = exchange(access, HttpRequest.newBuilder(uri).GET(), basic,
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 401 || response.statusCode() == 403) {
			throw new RegistryUnavailableException("the token endpoint of " + access.host() + " refused "
					+ (basic.isPresent() ? "the configured credentials" : "anonymous access") + " ("
					+ response.statusCode() + ")", false);
		}
		if (response.statusCode() != 200) {
			throw unexpected(access, response.statusCode(), response);
		}
		Token token = Token.read(response.body(), access);
		this.tokens.put(access.host(), repository, token.value(), token.lifetime());
		return token.value();
	}

	// credentials go only where the registry itself is: over HTTPS, unless it is
	// configured as insecure
	private static URI realm(Access access, String realm) {
		URI uri;
		try {
			uri = URI.create(realm);
		}
		catch (IllegalArgumentException ex) {
			throw new RegistryUnavailableException(access.host() + " names an invalid token endpoint", false);
		}
		boolean https = "https".equalsIgnoreCase(uri.getScheme());
		boolean http = "http".equalsIgnoreCase(uri.getScheme()) && access.base().getScheme().equals("http");
		if (!(https || http) || uri.getHost() == null) {
			throw new RegistryUnavailableException(access.host() + " names a token endpoint that is not HTTPS", false);
		}
		return uri;
	}

	private <T> HttpResponse<T> exchange(Access access, HttpRequest.Builder request, Optional<String> authorization,
			HttpResponse.BodyHandler<T> body) {
		request.timeout(this.properties.timeout()).setHeader("Accept", ACCEPT);
		authorization.ifPresent((value) -> request.setHeader("Authorization", value));
		HttpResponse<T> response;
		try {
			response = this.http.send(request.build(), body);
		}
		catch (IOException ex) {
			if (isUnresolved(ex)) {
				// the resolver answered: asking again at once would not change its answer
				throw new RegistryUnavailableException("the host of " + access.host() + " is not known (DNS)", true);
			}
			throw new TransientFailure("no answer from " + access.host() + " (" + ex.getClass().getSimpleName() + ")",
					null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RegistryUnavailableException("interrupted while asking " + access.host(), true);
		}
		int status = response.statusCode();
		if (status == 408 || status == 429 || status >= 500) {
			throw new TransientFailure(access.host() + " answered " + status,
					RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null)));
		}
		return response;
	}

	private static boolean isUnresolved(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

	private static RegistryUnavailableException denied(Access access, int status) {
		String who = (access.credentials() instanceof Credentials.Anonymous) ? "anonymous access"
				: "the configured credentials";
		return new RegistryUnavailableException(access.host() + " refused " + who + " (" + status + ")", false);
	}

	private static RegistryUnavailableException unexpected(Access access, int status, HttpResponse<?> response) {
		return new RegistryUnavailableException(access.host() + " answered " + status + " to "
				+ response.request().method() + " " + response.request().uri().getPath(), false);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	/**
	 * A failure a later attempt may not have: no answer, 408, 429 or 5xx.
	 */
	static final class TransientFailure extends RuntimeException {

		private final transient Duration retryAfter;

		TransientFailure(String message, Duration retryAfter) {
			super(message, null, false, false);
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return this.retryAfter;
		}

	}

	/**
	 * One page of a tag list, and the next page's address if the registry named one.
	 */
	private record TagPage(List<String> tags, URI next) {
	}

	/**
	 * A token the token endpoint issued.
	 */
	private record Token(Secret value, Duration lifetime) {

		static Token read(String body, Access access) {
			JsonNode json;
			try {
				json = JSON.readTree(body);
			}
			catch (JacksonException ex) {
				throw new RegistryUnavailableException("the token endpoint of " + access.host() + " answered no JSON",
						false);
			}
			String token = json.path("token").asString(json.path("access_token").asString(""));
			if (token.isBlank()) {
				throw new RegistryUnavailableException("the token endpoint of " + access.host() + " sent no token",
						false);
			}
			long seconds = json.path("expires_in").asLong(0);
			return new Token(new Secret(token), (seconds > 0) ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME);
		}

	}

}
