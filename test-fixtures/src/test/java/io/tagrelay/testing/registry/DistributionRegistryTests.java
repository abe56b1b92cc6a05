package io.tagrelay.testing.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tagrelay.testing.webhook.Delivery;
import io.tagrelay.testing.webhook.WebhookReceiver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The real registry (Debian's {@code docker-registry}, CNCF Distribution) as the tests
 * use it: it notifies an endpoint of a skopeo push with the header it was given, guards
 * its API with htpasswd Basic auth, reports the digests of what was pushed, and logs what
 * it was asked. Without its tools, skipped, or failed in CI.
 */
class DistributionRegistryTests {

	private static final String ENVELOPE_TYPE = "application/vnd.docker.distribution.events.v1+json";

	private final HttpClient http = HttpClient.newHttpClient();

	// each test, not the class, so that a skip is counted and shows its reason
	@BeforeEach
	void tools() {
		RegistryTool.unavailable().ifPresent(Assumptions::abort);
	}

	@Test
	void notifiesTheEndpointOfAManifestPushWithTheTagAndTheAuthorizationHeader() {
		try (WebhookReceiver receiver = new WebhookReceiver();
				DistributionRegistry registry = DistributionRegistry.builder()
					.notify(receiver.url("/webhooks/distribution"), "Bearer test-token")
					.start()) {
			PushedImage pushed = registry.push("acme/web", "1.1.0");

			Delivery delivery = await().atMost(Duration.ofSeconds(15))
				.until(() -> manifestPush(receiver, "acme/web", "1.1.0"), (found) -> found != null);
			JsonNode event = event(delivery, "1.1.0");
			assertThat(delivery.header("Authorization")).isEqualTo("Bearer test-token");
			assertThat(delivery.header("Content-Type")).isEqualTo(ENVELOPE_TYPE);
			assertThat(event.path("action").asString()).isEqualTo("push");
			assertThat(event.path("target").path("digest").asString()).isEqualTo(pushed.digest());
			assertThat(event.path("target").path("mediaType").asString())
				.isEqualTo("application/vnd.oci.image.manifest.v1+json");
			assertThat(event.path("request").path("host").asString()).isEqualTo(registry.host());
		}
	}

	@Test
	void refusesAnonymousRequestsWithBasicAuthOnAndTakesPushesWithTheCredentials() throws Exception {
		try (DistributionRegistry registry = DistributionRegistry.builder().basicAuth("relay", "s3cret").start()) {
			PushedImage pushed = registry.push("acme/web", "1.0.0");

			HttpResponse<String> anonymous = get(registry.url("/v2/acme/web/manifests/1.0.0"), null);
			HttpResponse<String> wrong = get(registry.url("/v2/acme/web/tags/list"),
					new Credentials("relay", "guess").basicAuthorization());
			HttpResponse<String> authorized = get(registry.url("/v2/acme/web/tags/list"),
					registry.credentials().orElseThrow().basicAuthorization());
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic realm=\"tagrelay-test\""));
			assertThat(wrong.statusCode()).isEqualTo(401);
			assertThat(authorized.statusCode()).isEqualTo(200);
			assertThat(authorized.body()).contains("\"1.0.0\"");
			assertThat(pushed.reference()).isEqualTo(registry.host() + "/acme/web:1.0.0");
			assertThat(pushed.digest()).startsWith("sha256:");
			assertThat(registry.dockerConfig()).isPresent();
		}
	}

	@Test
	void givesATagANewDigestWhenNewContentIsPushedUnderItAndKeepsItForTheSameImage() {
		try (DistributionRegistry registry = DistributionRegistry.start()) {
			PushedImage first = registry.push("acme/web", "latest");
			PushedImage second = registry.push("acme/web", "latest");
			PushedImage sameAsSecond = registry.push(second.image(), "acme/web", "1.2.0");

			assertThat(second.digest()).isNotEqualTo(first.digest());
			assertThat(registry.digest("acme/web", "latest")).hasValue(second.digest());
			assertThat(sameAsSecond.digest()).isEqualTo(second.digest());
			assertThat(registry.digest("acme/web", "9.9.9")).isEmpty();
			assertThat(sameAsSecond.pinned()).isEqualTo(registry.host() + "/acme/web:1.2.0@" + second.digest());
		}
	}

	@Test
	void countsTheRequestsItAnswered() {
		try (DistributionRegistry registry = DistributionRegistry.start()) {
			registry.push("acme/web", "1.1.0");
			registry.digest("acme/api", "1.0.0");

			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				List<RegistryRequest> requests = registry.requests();
				assertThat(requests).anySatisfy((request) -> {
					assertThat(request.method()).isEqualTo("PUT");
					assertThat(request.path()).isEqualTo("/v2/acme/web/manifests/1.1.0");
					assertThat(request.status()).isEqualTo(201);
					assertThat(request.userAgent()).startsWith("skopeo/");
				});
				assertThat(requests).filteredOn((request) -> request.isFor("acme/api"))
					.extracting(RegistryRequest::method, RegistryRequest::status)
					.containsExactly(tuple("HEAD", 404));
			});
		}
	}

	@Test
	void buildsImagesThatDifferFromEachOther(@TempDir Path directory) {
		OciImages images = new OciImages(directory);

		List<OciImage> built = List.of(images.build(), images.build());

		assertThat(built).extracting(OciImage::content).doesNotHaveDuplicates();
		assertThat(built).extracting(OciImage::skopeoReference)
			.containsExactly("oci:" + images.layout() + ":image-1", "oci:" + images.layout() + ":image-2");
	}

	private HttpResponse<String> get(URI url, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The envelope that has the manifest push of the tag, if one arrived. */
	private static Delivery manifestPush(WebhookReceiver receiver, String repository, String tag) {
		return receiver.received("/webhooks/distribution")
			.stream()
			.filter((delivery) -> event(delivery, tag) != null
					&& repository.equals(event(delivery, tag).path("target").path("repository").asString()))
			.findFirst()
			.orElse(null);
	}

	private static JsonNode event(Delivery delivery, String tag) {
		for (JsonNode event : delivery.json().path("events")) {
			if (tag.equals(event.path("target").path("tag").asString(null))) {
				return event;
			}
		}
		return null;
	}

}
