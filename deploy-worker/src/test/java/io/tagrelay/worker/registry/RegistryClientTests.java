package io.tagrelay.worker.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.tagrelay.model.Secret;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.support.targets.RegistryAccess;
import io.tagrelay.worker.RecordingScheduler;
import io.tagrelay.worker.registry.TestRegistry.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RegistryClientTests {

	static final RegistryClientProperties PROPERTIES = new RegistryClientProperties(Duration.ofSeconds(5),
			Duration.ofSeconds(5), new RegistryClientProperties.Retry(4, Duration.ofMillis(100), 2.0,
					Duration.ofSeconds(1), Duration.ofSeconds(30)),
			Duration.ofMillis(1), 1000, 100);

	final TestRegistry registry = TestRegistry.start();

	final RecordingScheduler scheduler = new RecordingScheduler();

	final MovableClock clock = new MovableClock();

	@AfterEach
	void stop() {
		this.registry.close();
		this.scheduler.shutdownNow();
	}

	@Test
	void answersTheDigestOfATagWithTheManifestMediaTypesAccepted() {
		String digest = this.registry.push("acme/web", "1.2.0");

		assertThat(client(anonymous()).manifestDigest(image("acme/web:1.2.0"))).contains(digest);

		Request head = this.registry.requests().get(0);
		assertThat(head.method()).isEqualTo("HEAD");
		assertThat(head.path()).isEqualTo("/v2/acme/web/manifests/1.2.0");
		assertThat(head.accept()).contains("application/vnd.oci.image.manifest.v1+json",
				"application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
				"application/vnd.docker.distribution.manifest.list.v2+json");
		assertThat(head.authorization()).isNull();
	}

	@Test
	void answersNothingForATagTheRegistryDoesNotHave() {
		this.registry.push("acme/web", "1.2.0");

		assertThat(client(anonymous()).manifestDigest(image("acme/web:999.0.0"))).isEmpty();
		assertThat(client(anonymous()).manifestDigest(image("acme/other:1.2.0"))).isEmpty();
	}

	@Test
	void looksUpAnImageNamedByDigest() {
		String digest = this.registry.push("acme/web", "1.2.0");

		assertThat(client(anonymous()).manifestDigest(image("acme/web@" + digest))).contains(digest);
		assertThat(client(anonymous()).manifestDigest(image("acme/web@sha256:" + "0".repeat(64)))).isEmpty();
	}

	@Test
	void computesTheDigestWhenTheRegistryDoesNotSendIt() {
		String digest = this.registry.withoutDigestHeader().push("acme/web", "1.2.0");

		assertThat(client(anonymous()).manifestDigest(image("acme/web:1.2.0"))).contains(digest);
		assertThat(this.registry.requests()).extracting(Request::method).containsExactly("HEAD", "GET");
	}

	@Test
	void signsInWithBasicCredentialsWhenAskedAndSendsThemAtOnceAfterwards() {
		String digest = this.registry.requireBasic("relay", "s3cret").push("acme/web", "1.2.0");
		RegistryClient client = client(basic("relay", "s3cret"));

		assertThat(client.manifestDigest(image("acme/web:1.2.0"))).contains(digest);
		assertThat(client.manifestDigest(image("acme/web:1.2.0"))).contains(digest);

		assertThat(this.registry.requests()).extracting(Request::authorization)
			.containsExactly(null, basicHeader("relay", "s3cret"), basicHeader("relay", "s3cret"));
	}

	@Test
	void saysTheRegistryRefusedTheCredentialsWithoutShowingThem() {
		this.registry.requireBasic("relay", "right").push("acme/web", "1.2.0");

		assertThatExceptionOfType(RegistryUnavailableException.class)
			.isThrownBy(() -> client(basic("relay", "wrong")).manifestDigest(image("acme/web:1.2.0")))
			.withMessage(this.registry.host() + " refused the configured credentials (401)")
			.withMessageNotContaining("wrong");
		assertThatExceptionOfType(RegistryUnavailableException.class)
			.isThrownBy(() -> client(anonymous()).manifestDigest(image("acme/web:1.2.0")))
			.withMessageContaining("refused anonymous access (401)");
	}

	@Test
	void fetchesABearerTokenWithTheCredentialsForTheChallengedScope() {
		String digest = this.registry.requireBearer("relay", "s3cret", Duration.ofMinutes(5)).push("acme/web", "1.2.0");

		assertThat(client(basic("relay", "s3cret")).manifestDigest(image("acme/web:1.2.0"))).contains(digest);

		Request token = this.registry.requests("/token").get(0);
		assertThat(token.authorization()).isEqualTo(basicHeader("relay", "s3cret"));
		assertThat(token.query()).isEqualTo(Map.of("service", "test-registry", "scope", "repository:acme/web:pull"));
		assertThat(this.registry.requests()).last().extracting(Request::authorization).isEqualTo("Bearer token-1");
	}

	@Test
	void keepsABearerTokenUntilItExpires() {
		this.registry.requireBearer(null, null, Duration.ofSeconds(300)).push("acme/web", "1.2.0");
		RegistryClient client = client(anonymous());

		client.manifestDigest(image("acme/web:1.2.0"));
		this.clock.advance(Duration.ofSeconds(299));
		client.manifestDigest(image("acme/web:1.2.0"));
		assertThat(this.registry.requests("/token")).hasSize(1);

		this.clock.advance(Duration.ofSeconds(1));
		client.manifestDigest(image("acme/web:1.2.0"));
		assertThat(this.registry.requests("/token")).hasSize(2);
		assertThat(this.registry.requests()).last().extracting(Request::authorization).isEqualTo("Bearer token-2");
	}

	@Test
	void fetchesAnAnonymousBearerTokenWithoutCredentials() {
		this.registry.requireBearer(null, null, Duration.ofMinutes(5)).push("library/nginx", "1.27.0");

		assertThat(client(anonymous()).manifestDigest(image("library/nginx:1.27.0"))).isPresent();
		assertThat(this.registry.requests("/token")).singleElement().extracting(Request::authorization).isNull();
	}

	@Test
	void sendsAConfiguredTokenAsItIs() {
		this.registry.requireBasic("unused", "unused").push("acme/web", "1.2.0");
		RegistryHosts hosts = new RegistryHosts(
				List.of(new RegistryAccess(this.registry.host(), null, null, new Secret("pat-123"), null, true)), null);

		assertThatExceptionOfType(RegistryUnavailableException.class)
			.isThrownBy(() -> client(hosts).manifestDigest(image("acme/web:1.2.0")));
		assertThat(this.registry.requests()).extracting(Request::authorization).containsExactly("Bearer pat-123");
	}

	@Test
	void waitsTheRetryAfterA429AsksForUpToTheLongestAllowed() {
		String digest = this.registry.push("acme/web", "1.2.0");
		this.registry.fail(429, "3", 1);
		this.registry.fail(429, "120", 1);
		this.registry.fail(429, null, 1);

		assertThat(client(anonymous()).manifestDigest(image("acme/web:1.2.0"))).contains(digest);
		assertThat(this.scheduler.delays).containsExactly(3_000L, 30_000L, 400L);
	}

	@Test
	void givesUpOnARegistryThatKeepsFailingAfterTheBackoff() {
		this.registry.push("acme/web", "1.2.0");
		this.registry.fail(503, null, 10);

		assertThatExceptionOfType(RegistryUnavailableException.class)
			.isThrownBy(() -> client(anonymous()).manifestDigest(image("acme/web:1.2.0")))
			.withMessage(this.registry.host() + " answered 503 (after 4 attempts)");
		assertThat(this.scheduler.delays).containsExactly(100L, 200L, 400L);
	}

	@Test
	void givesUpOnARegistryThatDoesNotAnswer() {
		RegistryHosts hosts = new RegistryHosts(
				List.of(new RegistryAccess("127.0.0.1:1", null, null, null, null, true)), null);

		assertThatExceptionOfType(RegistryUnavailableException.class)
			.isThrownBy(() -> client(hosts).manifestDigest(ImageReference.parse("127.0.0.1:1/acme/web:1.2.0")))
			.withMessageStartingWith("no answer from 127.0.0.1:1 (ConnectException)");
	}

	@Test
	void giveUpAtOnceOnAHostTheResolverDoesNotKnow() {
		RegistryHosts hosts = new RegistryHosts(List.of(), null);

		assertThatExceptionOfType(RegistryUnavailableException.class)
			.isThrownBy(() -> client(hosts).manifestDigest(ImageReference.parse("registry.invalid/acme/web:1.2.0")))
			.withMessage("the host of registry.invalid is not known (DNS)")
			.satisfies((ex) -> assertThat(ex.outage()).isTrue());
		assertThat(this.scheduler.delays).isEmpty();
	}

	@Test
	void readsCredentialsFromADockerConfigJson(@TempDir Path dir) throws Exception {
		String digest = this.registry.requireBasic("relay", "from-secret").push("acme/web", "1.2.0");
		Path config = dir.resolve(".dockerconfigjson");
		String auth = Base64.getEncoder().encodeToString("relay:from-secret".getBytes(StandardCharsets.UTF_8));
		Files.writeString(config, "{\"auths\":{\"" + this.registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
		RegistryHosts hosts = new RegistryHosts(
				List.of(new RegistryAccess(this.registry.host(), null, null, null, config, true)), null);

		assertThat(client(hosts).manifestDigest(image("acme/web:1.2.0"))).contains(digest);
	}

	@Test
	void listsEveryTagFollowingTheRegistrysPagesAsQuayPagesAt100() {
		List<String> pushed = IntStream.range(0, 250).mapToObj((i) -> "1.0." + i).sorted().toList();
		pushed.forEach((tag) -> this.registry.push("acme/web", tag));

		assertThat(client(anonymous()).tags(repository("acme/web"))).containsExactlyElementsOf(pushed);

		List<Request> pages = this.registry.requests("/v2/acme/web/tags/list");
		assertThat(pages).hasSize(3);
		assertThat(pages).extracting(Request::method).containsOnly("GET");
		assertThat(pages.get(0).query()).containsEntry("n", "1000").doesNotContainKey("last");
		assertThat(pages.get(1).query()).containsEntry("last", pushed.get(99));
		assertThat(pages.get(2).query()).containsEntry("last", pushed.get(199));
	}

	@Test
	void listsNoTagsForARepositoryTheRegistryDoesNotKnow() {
		assertThat(client(anonymous()).tags(repository("acme/unknown"))).isEmpty();
	}

	@Test
	void listsTagsWithABearerTokenForTheRepository() {
		this.registry.requireBearer("relay", "s3cret", Duration.ofMinutes(5)).push("acme/web", "1.2.0");

		assertThat(client(basic("relay", "s3cret")).tags(repository("acme/web"))).containsExactly("1.2.0");
		assertThat(this.registry.requests("/token")).singleElement()
			.satisfies((token) -> assertThat(token.query()).containsEntry("scope", "repository:acme/web:pull"));
	}

	@Test
	void backsOffWhenTheRegistryLimitsTheTagList() {
		this.registry.push("acme/web", "1.2.0");
		this.registry.fail(429, "2", 2);

		assertThat(client(anonymous()).tags(repository("acme/web"))).containsExactly("1.2.0");
		assertThat(this.scheduler.delays).containsExactly(2_000L, 2_000L);
	}

	@Test
	void readsAtMostTheConfiguredPagesOfTags() {
		IntStream.range(0, 30).forEach((i) -> this.registry.push("acme/web", "1.0." + (10 + i)));
		this.registry.pagingTagsAt(10);
		RegistryClientProperties twoPages = new RegistryClientProperties(PROPERTIES.timeout(),
				PROPERTIES.connectTimeout(), PROPERTIES.retry(), PROPERTIES.outageBudget(), 10, 2);

		assertThat(new RegistryClient(anonymous(), twoPages, this.scheduler, this.clock).tags(repository("acme/web")))
			.hasSize(20);
	}

	private RegistryClient client(RegistryHosts hosts) {
		return new RegistryClient(hosts, PROPERTIES, this.scheduler, this.clock);
	}

	private RegistryHosts anonymous() {
		return new RegistryHosts(List.of(new RegistryAccess(this.registry.host(), null, null, null, null, true)), null);
	}

	private RegistryHosts basic(String username, String password) {
		return new RegistryHosts(
				List.of(new RegistryAccess(this.registry.host(), username, new Secret(password), null, null, true)),
				null);
	}

	private ImageReference repository(String path) {
		return ImageReference.parseRepository(this.registry.host() + "/" + path);
	}

	private ImageReference image(String pathAndReference) {
		return ImageReference.parse(this.registry.host() + "/" + pathAndReference);
	}

	private static String basicHeader(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
