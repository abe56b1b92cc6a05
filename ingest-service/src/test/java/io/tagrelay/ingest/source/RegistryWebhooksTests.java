package io.tagrelay.ingest.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.ingest.EnqueuedEvents;
import io.tagrelay.ingest.GithubSignatures;
import io.tagrelay.ingest.IngestTest;
import io.tagrelay.ingest.PubSubTokens;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.source.Payloads;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registry's webhook, fed with real payloads of shared-model's corpus
 * ({@link Payloads}): a push becomes the right {@link RegistryPush} on Kafka, the wrong
 * proof is refused with 401, a notification with nothing to deploy is answered 200 with
 * the reason and enqueues nothing.
 */
@IngestTest
class RegistryWebhooksTests {

	static final String SHA_HARBOR = "sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8";

	final EventCodec codec = new EventCodec();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MeterRegistry meters;

	@RegisterExtension
	final EnqueuedEvents events = new EnqueuedEvents();

	@Nested
	class Quay {

		@Test
		void enqueuesKeelsSamplePush() {
			RegistryPush push = enqueued(post("/webhooks/quay", "quay/keel-quay_test.json").bearer(IngestTest.TOKEN));

			assertPush(push, "quay.io/mynamespace/repository", "quay", null, "1.2.3");
		}

		@Test
		void refusesAWrongToken() {
			assertThat(post("/webhooks/quay", "quay/keel-quay_test.json").bearer("nope").send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void answersQuaysTestNotificationWithTheReasonAndEnqueuesNothing() {
			assertIgnored(
					post("/webhook", "quay/quay-notificationevent-repo_push-sample.json").bearer(IngestTest.TOKEN),
					"Quay's test notification");
		}

	}

	@Nested
	class DockerHub {

		@Test
		void enqueuesKeelsSamplePushWithTheTokenInThePath() {
			RegistryPush push = enqueued(
					post("/webhooks/dockerhub/" + IngestTest.TOKEN, "dockerhub/keel-dockerhub_test.json"));

			assertPush(push, "docker.io/karolisr/keel", "dockerhub", null, "0.1.7");
		}

		@Test
		void enqueuesAPushWithTheTokenAsBasicPassword() {
			RegistryPush push = enqueued(
					post("/webhooks/dockerhub", "dockerhub/keel-dockerhub_test.json").basic("relay", IngestTest.TOKEN));

			assertPush(push, "docker.io/karolisr/keel", "dockerhub", null, "0.1.7");
		}

		@Test
		void refusesAWrongTokenInThePathWithoutQuotingIt() {
			MvcTestResult refused = post("/webhooks/dockerhub/test-tokem", "dockerhub/keel-dockerhub_test.json").send();

			assertThat(refused).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused).bodyText().doesNotContain("test-tokem");
			assertThat(post("/webhooks/dockerhub", "dockerhub/keel-dockerhub_test.json").send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void answersAPushWithoutATagWithTheReason() {
			// keel's sample with its tag emptied
			assertIgnored(new Request("/webhooks/dockerhub/" + IngestTest.TOKEN,
					corpus("dockerhub/keel-dockerhub_test.json").replace("\"tag\": \"0.1.7\"", "\"tag\": \"\"")),
					"without a tag");
		}

		@Test
		void enqueuesEveryDuplicateNotificationOfOnePush() {
			RegistryPush first = enqueued(
					post("/webhooks/dockerhub/" + IngestTest.TOKEN, "dockerhub/keel-dockerhub_test.json"));
			RegistryPush second = enqueued(
					post("/webhooks/dockerhub/" + IngestTest.TOKEN, "dockerhub/keel-dockerhub_test.json"));

			assertThat(second.eventId()).isNotEqualTo(first.eventId());
			assertThat(second.repository()).isEqualTo(first.repository());
			assertThat(second.tags()).isEqualTo(first.tags());
		}

	}

	@Nested
	class Harbor {

		@Test
		void enqueuesTheDefaultFormatWithItsOwnTokenSentVerbatim() {
			RegistryPush push = enqueued(post("/webhooks/harbor", "harbor/harbor-docs-default-2.0.json")
				.header(HttpHeaders.AUTHORIZATION, IngestTest.HARBOR_TOKEN));

			assertPush(push, "hub.harbor.com/test-webhook/debian", "harbor", SHA_HARBOR, "latest");
		}

		@Test
		void enqueuesTheCloudEventsFormatWithItsOwnTokenAsBearer() {
			RegistryPush push = enqueued(
					post("/webhooks/harbor", "harbor/port-ocean-harbor-conftest-cloudevents-pushed.json")
						.contentType("application/cloudevents+json")
						.bearer(IngestTest.HARBOR_TOKEN));

			assertPush(push, "localhost:8081/ocean-integration/redis", "harbor",
					"sha256:e19a92f6821ebdbfa6676b7133c594c7ea9c3702daf773f5064845b9f8642b93", "v1");
		}

		@Test
		void refusesTheIngestTokensOnceItHasTokensOfItsOwn() {
			assertThat(post("/webhooks/harbor", "harbor/harbor-docs-default-2.0.json").bearer(IngestTest.TOKEN).send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(post("/webhooks/harbor", "harbor/harbor-docs-default-2.0.json")
				.header(HttpHeaders.AUTHORIZATION, IngestTest.HARBOR_TOKEN + "x")
				.send()).hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void answersAPullWithTheReason() {
			assertIgnored(post("/webhooks/harbor", "harbor/harbor-docs-default-pulled.json")
				.header(HttpHeaders.AUTHORIZATION, IngestTest.HARBOR_TOKEN), "PULL_ARTIFACT");
		}

	}

	@Nested
	class Github {

		static final String PUSH = "github/theryangeary-homelab-package-published.json";

		@Test
		void enqueuesASignedPackageEvent() {
			RegistryPush push = enqueued(signed(post("/webhooks/github", PUSH), corpus(PUSH), IngestTest.GITHUB_SECRET)
				.header("X-GitHub-Event", "package"));

			assertPush(push, "ghcr.io/theryangeary/www", "github",
					"sha256:89160c587d0c36bf54090497a465445c14980ba48efbcf3b0d03c49b76f3feb8", "0e2a89b");
		}

		@Test
		void refusesASignatureWithAnotherSecretWithoutMentioningIngestTokens() {
			MvcTestResult refused = signed(post("/webhooks/github", PUSH), corpus(PUSH), "another-secret")
				.header("X-GitHub-Event", "package")
				.send();

			assertThat(refused).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused).bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("X-Hub-Signature-256")
				.doesNotContainIgnoringCase("ingest token");
		}

		@Test
		void refusesASignatureOfAnotherBody() {
			assertThat(signed(post("/webhooks/github", PUSH), corpus(PUSH) + " ", IngestTest.GITHUB_SECRET)
				.header("X-GitHub-Event", "package")
				.send()).hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void refusesAnUnsignedEventEvenWithAnIngestToken() {
			assertThat(
					post("/webhooks/github", PUSH).header("X-GitHub-Event", "package").bearer(IngestTest.TOKEN).send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void readsNoMoreThanTheLimitOfAnUnauthenticatedBody() {
			String oversized = "{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";

			// no signature header: refused before the body is read
			assertThat(new Request("/webhooks/github", oversized).header("X-GitHub-Event", "package").send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
			// a signature header of the right form: the body is read up to the limit
			assertThat(new Request("/webhooks/github", oversized).header("X-GitHub-Event", "package")
				.header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
				.send()).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
		}

		@Test
		void answersPingWithTheReasonCountedAsIgnored() {
			double ignored = RegistryWebhooksTests.this.meters
				.counter("tagrelay.ingest.webhooks.ignored", "source", "github")
				.count();
			String ping = "github/octokit-webhooks-ping.json";

			assertIgnored(signed(post("/webhooks/github", ping), corpus(ping), IngestTest.GITHUB_SECRET)
				.header("X-GitHub-Event", "ping"), "ping");
			assertThat(RegistryWebhooksTests.this.meters.counter("tagrelay.ingest.webhooks.ignored", "source", "github")
				.count()).isEqualTo(ignored + 1);
		}

	}

	@Nested
	class Distribution {

		static final String PUSH = "distribution/keel-registry_notifications_test.json";

		static final String SHA = "sha256:4afff550708506c5b8b7384ad10d401a02b29ed587cb2730cb02753095b5178d";

		@Test
		void enqueuesATaggedManifestPushUnderTheConfiguredRegistryHost() {
			RegistryPush push = enqueued(post("/webhooks/distribution", PUSH)
				.contentType("application/vnd.docker.distribution.events.v1+json")
				.bearer(IngestTest.TOKEN));

			assertPush(push, IngestTest.DISTRIBUTION_REGISTRY_HOST + "/foo/bar", "distribution", SHA, "1.6.1");
		}

		@Test
		void enqueuesOneEventPerRepositoryOfAnEnvelope() {
			// keel's envelope with a second event, a push to foo/baz
			ObjectNode envelope = (ObjectNode) JsonMapper.shared().readTree(Payloads.read(PUSH));
			ArrayNode pushes = (ArrayNode) envelope.get("events");
			ObjectNode other = (ObjectNode) pushes.get(0).deepCopy();
			((ObjectNode) other.get("target")).put("repository", "foo/baz");
			pushes.add(other);

			MvcTestResult result = new Request("/webhooks/distribution", envelope.toString())
				.contentType("application/vnd.docker.distribution.events.v2+json")
				.bearer(IngestTest.TOKEN)
				.send();

			assertThat(result).hasStatus(HttpStatus.ACCEPTED);
			assertThat(result).headers().doesNotContainHeader(HttpHeaders.LOCATION);
			List<String> ids = new ArrayList<>();
			JsonMapper.shared()
				.readTree(result.getResponse().getContentAsByteArray())
				.get("eventIds")
				.forEach((id) -> ids.add(id.asString()));
			assertThat(ids).hasSize(2);
			List<RegistryPush> enqueued = enqueuedUntil(ids.get(1));
			assertThat(enqueued).extracting(RegistryPush::eventId).containsExactlyElementsOf(ids);
			assertThat(enqueued).extracting(RegistryPush::repository)
				.containsExactly(IngestTest.DISTRIBUTION_REGISTRY_HOST + "/foo/bar",
						IngestTest.DISTRIBUTION_REGISTRY_HOST + "/foo/baz");
			assertThat(enqueued).allSatisfy((push) -> assertThat(push.digest()).isEqualTo(SHA));
		}

		@Test
		void refusesAWrongToken() {
			assertThat(post("/webhooks/distribution", PUSH).header(HttpHeaders.AUTHORIZATION, "Bearer nope").send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void answersAPullWithTheReason() {
			assertIgnored(post("/webhooks/distribution", "distribution/distribution-docs-notifications-pull.json")
				.contentType("application/vnd.docker.distribution.events.v1+json")
				.header(HttpHeaders.AUTHORIZATION, IngestTest.TOKEN), "no tagged manifest push");
		}

	}

	@Nested
	class Acr {

		static final String PUSH = "acr/azure-docs-push.json";

		@Test
		void enqueuesAPushWithTheTokenAsCustomHeader() {
			RegistryPush push = enqueued(
					post("/webhooks/acr", PUSH).header(HttpHeaders.AUTHORIZATION, IngestTest.TOKEN));

			assertPush(push, "myregistry.azurecr.io/hello-world", "acr",
					"sha256:80f0d5c8786bb9e621a45ece0db56d11cdc624ad20da9fe62e9d25490f331d7d", "v1");
		}

		@Test
		void refusesAWrongToken() {
			assertThat(post("/webhooks/acr", PUSH).header(HttpHeaders.AUTHORIZATION, "test-tokem").send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void answersADeleteWithTheReason() {
			assertIgnored(post("/webhooks/acr", "acr/azure-docs-delete.json").bearer(IngestTest.TOKEN), "'delete'");
		}

	}

	@Nested
	class ArtifactRegistry {

		static final String PUSH = "artifact-registry/google-docs-pubsub-insert.json";

		@Test
		void enqueuesAnInsertPushedWithAValidOidcToken() {
			RegistryPush push = enqueued(
					post("/webhooks/artifact-registry", PUSH).header(HttpHeaders.AUTHORIZATION, PubSubTokens.bearer()));

			assertPush(push, "us-east1-docker.pkg.dev/my-project/my-repo/hello-world", "artifact-registry",
					"sha256:6ec128e26cd50000000000000000000000000000000000000000000000000000", "1.1");
		}

		@Test
		void refusesEveryTokenThatIsNotTheSubscriptionsOwn() {
			Instant past = Instant.now().minus(Duration.ofHours(2));
			List<String> refused = List.of(PubSubTokens.bearerSignedByAnotherKey(),
					PubSubTokens.bearer((claims) -> claims.audience("https://elsewhere.example.com")),
					PubSubTokens.bearer((claims) -> claims.issuer("https://evil.example.com")),
					PubSubTokens.bearer((claims) -> claims.claim("email", "intruder@evil.iam.gserviceaccount.com")),
					PubSubTokens.bearer((claims) -> claims.claim("email_verified", false)),
					PubSubTokens.bearer((claims) -> claims.expirationTime(Date.from(past))),
					PubSubTokens.bearer().substring("Bearer ".length()), "Bearer not-a-jwt", IngestTest.BEARER);
			for (String authorization : refused) {
				assertThat(post("/webhooks/artifact-registry", PUSH).header(HttpHeaders.AUTHORIZATION, authorization)
					.send()).as(authorization).hasStatus(HttpStatus.UNAUTHORIZED);
			}
			assertThat(post("/webhooks/artifact-registry", PUSH).send()).hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void fetchesGooglesKeysOnceForManyRequests() {
			enqueued(
					post("/webhooks/artifact-registry", PUSH).header(HttpHeaders.AUTHORIZATION, PubSubTokens.bearer()));
			int fetched = PubSubTokens.fetches();

			for (int i = 0; i < 5; i++) {
				enqueued(post("/webhooks/artifact-registry", PUSH).header(HttpHeaders.AUTHORIZATION,
						PubSubTokens.bearer()));
			}

			assertThat(fetched).isPositive();
			// at most one refresh, should the cache be about to expire (it keeps keys 5
			// minutes)
			assertThat(PubSubTokens.fetches()).isBetween(fetched, fetched + 1);
		}

		@Test
		void answersADeleteWithTheReason() {
			assertIgnored(post("/webhooks/artifact-registry", "artifact-registry/google-docs-pubsub-delete.json")
				.header(HttpHeaders.AUTHORIZATION, PubSubTokens.bearer()), "'DELETE'");
		}

	}

	@Nested
	class Ecr {

		static final String PUSH = "ecr/aws-docs-ecr-image-action.json";

		@Test
		void enqueuesAPushWithItsApiKeyInTheConnectionsHeader() {
			RegistryPush push = enqueued(post("/webhooks/ecr", PUSH).header("x-api-key", IngestTest.ECR_API_KEY));

			assertThat(push.repository()).isEqualTo("123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repository-name");
			assertThat(push.tags()).containsExactly("latest");
			assertThat(push.source()).isEqualTo("ecr");
			assertThat(push.digest()).startsWith("sha256:7f5b2640fe6fb4f46592dfd3410c4a79");
		}

		@Test
		void enqueuesAPushWithItsApiKeyAsBasicPassword() {
			RegistryPush push = enqueued(post("/webhooks/ecr", PUSH).basic("eventbridge", IngestTest.ECR_API_KEY));

			assertThat(push.source()).isEqualTo("ecr");
		}

		@Test
		void refusesAWrongKeyAndTheIngestTokens() {
			assertThat(post("/webhooks/ecr", PUSH).header("x-api-key", "nope").send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(post("/webhooks/ecr", PUSH).header("x-api-key", IngestTest.TOKEN).send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(post("/webhooks/ecr", PUSH).bearer(IngestTest.TOKEN).send()).hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void answersAFailedPushWithTheReason() {
			// the AWS documentation's event with the push failed
			assertIgnored(new Request("/webhooks/ecr",
					corpus(PUSH).replace("\"result\": \"SUCCESS\"", "\"result\": \"FAILURE\""))
				.header("x-api-key", IngestTest.ECR_API_KEY), "failed");
		}

	}

	@Nested
	class Generic {

		@Test
		void enqueuesTagsAndDigest() {
			RegistryPush push = enqueued(
					post("/webhooks/generic", "generic/tagrelay-ci-tags-and-digest.json").bearer(IngestTest.TOKEN));

			assertPush(push, "registry.example.com:5000/acme/web", "generic",
					"sha256:2b94d3d75692e4b04dde5046ad3246fe01cc8889cb641c3e116f10e41c51e164", "1.2.3", "1.2",
					"latest");
		}

		@Test
		void refusesAWrongToken() {
			assertThat(post("/webhooks/generic", "generic/tagrelay-issue-14.json").basic("ci", "nope").send())
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void refusesAPushOfAnUnfollowedRepositoryWith403() {
			MvcTestResult refused = new Request("/webhooks/generic",
					"{\"repository\":\"quay.io/other/app\",\"tags\":[\"1.0.0\"]}")
				.bearer(IngestTest.TOKEN)
				.send();

			assertThat(refused).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("quay.io/other/app");
		}

	}

	@Nested
	class Paths {

		@Test
		void answersAnUnknownSourceWith404() {
			assertThat(new Request("/webhooks/nowhere", "{}").bearer(IngestTest.TOKEN).send())
				.hasStatus(HttpStatus.NOT_FOUND)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}

		@Test
		void keepsTheIngestTokensGuardOnAPathThatOnlyNormalisesToASourcesOwn() {
			String push = corpus("github/theryangeary-homelab-package-published.json");

			assertThat(signed(new Request("/webhooks/github;x=1", push), push, IngestTest.GITHUB_SECRET)
				.header("X-GitHub-Event", "package")
				.send()).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(new Request("/webhooks/github;x=1", push).header("X-GitHub-Event", "package")
				.bearer(IngestTest.TOKEN)
				.send()).hasStatus(HttpStatus.NOT_FOUND);
		}

	}

	private static String corpus(String file) {
		return new String(Payloads.read(file), StandardCharsets.UTF_8);
	}

	private Request post(String path, String file) {
		return new Request(path, corpus(file));
	}

	private static Request signed(Request request, String body, String secret) {
		return request.header("X-Hub-Signature-256",
				GithubSignatures.of(body.getBytes(StandardCharsets.UTF_8), secret));
	}

	private RegistryPush enqueued(Request request) {
		MvcTestResult result = request.send();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasContentType(MediaType.APPLICATION_JSON);
		String eventId = JsonMapper.shared()
			.readTree(result.getResponse().getContentAsByteArray())
			.get("eventId")
			.asString();
		assertThat(result).headers().hasValue(HttpHeaders.LOCATION, "/events/" + eventId);
		List<RegistryPush> enqueued = enqueuedUntil(eventId);
		return enqueued.get(enqueued.size() - 1);
	}

	private List<RegistryPush> enqueuedUntil(String eventId) {
		List<ConsumerRecord<String, byte[]>> records = this.events
			.until((record) -> this.codec.readEvent(record.value()).eventId().equals(eventId), Duration.ofSeconds(10));
		List<RegistryPush> pushes = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			RegistryPush push = (RegistryPush) this.codec.readEvent(record.value());
			assertThat(record.key()).isEqualTo(push.repository());
			pushes.add(push);
		}
		return pushes;
	}

	private void assertIgnored(Request request, String reason) {
		MvcTestResult result = request.send();
		assertThat(result).hasStatus(HttpStatus.OK).hasContentType(MediaType.APPLICATION_JSON);
		JsonNode body = JsonMapper.shared().readTree(result.getResponse().getContentAsByteArray());
		assertThat(body.get("reason").asString()).contains(reason);
		// one partition: anything the ignored notification enqueued arrives before this
		String sentinel = enqueued(
				new Request("/webhook", "{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"0.0.1\"]}")
					.bearer(IngestTest.TOKEN))
			.eventId();
		assertThat(enqueuedUntil(sentinel)).extracting(RegistryPush::eventId).containsExactly(sentinel);
	}

	private static void assertPush(RegistryPush push, String repository, String source, String digest, String... tags) {
		assertThat(push.repository()).isEqualTo(repository);
		assertThat(push.tags()).containsExactly(tags);
		assertThat(push.source()).isEqualTo(source);
		assertThat(push.digest()).isEqualTo(digest);
	}

	/**
	 * A webhook delivery, JSON unless told otherwise.
	 */
	final class Request {

		private final String path;

		private final String body;

		private String contentType = MediaType.APPLICATION_JSON_VALUE;

		private final List<String[]> headers = new ArrayList<>();

		Request(String path, String body) {
			this.path = path;
			this.body = body;
		}

		Request contentType(String type) {
			this.contentType = type;
			return this;
		}

		Request header(String name, String value) {
			this.headers.add(new String[] { name, value });
			return this;
		}

		Request bearer(String token) {
			return header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}

		Request basic(String user, String password) {
			return header(HttpHeaders.AUTHORIZATION, "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}

		MvcTestResult send() {
			MockMvcRequestBuilder request = RegistryWebhooksTests.this.mvc.post()
				.uri(this.path)
				.contentType(this.contentType)
				.content(this.body);
			for (String[] header : this.headers) {
				request.header(header[0], header[1]);
			}
			return request.exchange(Duration.ofSeconds(10));
		}

	}

}
