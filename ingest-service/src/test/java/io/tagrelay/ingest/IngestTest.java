package io.tagrelay.ingest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * /** The whole ingest on a random port against an embedded KRaft broker, with two
 * targets: {@code quay.io/acme/web} → {@code demo/web/web} and {@code quay.io/acme/api} →
 * {@code demo/api} (every container), one more target for each repository of the registry
 * payloads the webhook tests send, and {@code quay.io/acme/shared} →
 * {@code demo/shared-a} and {@code demo/shared-b}. Every source is on: Harbor and ECR
 * with tokens of their own, GitHub with its secret, Artifact Registry with the tokens of
 * {@link PubSubTokens}, Distribution with the registry host
 * {@value #DISTRIBUTION_REGISTRY_HOST}; the others with the ingest tokens. Besides the
 * global tokens {@link #TOKEN} and {@code second-token}, the clients {@code web-pushes}
 * ({@link #WEB_PUSHES}: pushes of {@code quay.io/acme/web} only), {@code release}
 * ({@link #RELEASE}: {@code demo/api} and {@code demo/shared-a} only, with
 * {@code POST /deployment} but no downgrade) and {@code queued} ({@link #QUEUED}:
 * {@code demo/shared-b} only, at most 2 events pending); rate limits too high to matter
 * ({@code RateLimitedIngestTest} tests them). Every test class with this annotation
 * shares one context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"tagrelay.ingest.tokens=" + IngestTest.TOKEN + ",second-token", "tagrelay.ingest.info.enabled=true",
		"tagrelay.ingest.wait-timeout=20s", "tagrelay.kafka.partitions=1",
		"tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].namespace=demo",
		"tagrelay.targets[0].deployment=web", "tagrelay.targets[0].container=web",
		"tagrelay.targets[1].repository=quay.io/acme/api", "tagrelay.targets[1].namespace=demo",
		"tagrelay.targets[1].deployment=api", "tagrelay.targets[2].repository=quay.io/mynamespace/repository",
		"tagrelay.targets[2].namespace=demo", "tagrelay.targets[2].deployment=quay-sample",
		"tagrelay.targets[3].repository=docker.io/karolisr/keel", "tagrelay.targets[3].namespace=demo",
		"tagrelay.targets[3].deployment=keel", "tagrelay.targets[4].repository=hub.harbor.com/test-webhook/debian",
		"tagrelay.targets[4].namespace=demo", "tagrelay.targets[4].deployment=debian",
		"tagrelay.targets[5].repository=localhost:8081/ocean-integration/redis", "tagrelay.targets[5].namespace=demo",
		"tagrelay.targets[5].deployment=redis", "tagrelay.targets[6].repository=ghcr.io/theryangeary/www",
		"tagrelay.targets[6].namespace=demo", "tagrelay.targets[6].deployment=www",
		"tagrelay.targets[7].repository=" + IngestTest.DISTRIBUTION_REGISTRY_HOST + "/foo/bar",
		"tagrelay.targets[7].namespace=demo", "tagrelay.targets[7].deployment=bar",
		"tagrelay.targets[8].repository=" + IngestTest.DISTRIBUTION_REGISTRY_HOST + "/foo/baz",
		"tagrelay.targets[8].namespace=demo", "tagrelay.targets[8].deployment=baz",
		"tagrelay.targets[9].repository=myregistry.azurecr.io/hello-world", "tagrelay.targets[9].namespace=demo",
		"tagrelay.targets[9].deployment=hello-world",
		"tagrelay.targets[10].repository=us-east1-docker.pkg.dev/my-project/my-repo/hello-world",
		"tagrelay.targets[10].namespace=demo", "tagrelay.targets[10].deployment=gar-hello-world",
		"tagrelay.targets[11].repository=123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repository-name",
		"tagrelay.targets[11].namespace=demo", "tagrelay.targets[11].deployment=ecr-app",
		"tagrelay.targets[12].repository=registry.example.com:5000/acme/web", "tagrelay.targets[12].namespace=demo",
		"tagrelay.targets[12].deployment=ci-web", "tagrelay.ingest.sources.harbor.tokens=" + IngestTest.HARBOR_TOKEN,
		"tagrelay.ingest.sources.ecr.tokens=" + IngestTest.ECR_API_KEY,
		"tagrelay.ingest.sources.github.secret=" + IngestTest.GITHUB_SECRET,
		"tagrelay.ingest.sources.artifact-registry.audience=" + PubSubTokens.AUDIENCE,
		"tagrelay.ingest.sources.artifact-registry.service-account=" + PubSubTokens.SERVICE_ACCOUNT,
		"tagrelay.targets[13].repository=quay.io/acme/shared", "tagrelay.targets[13].namespace=demo",
		"tagrelay.targets[13].deployment=shared-a", "tagrelay.targets[14].repository=quay.io/acme/shared",
		"tagrelay.targets[14].namespace=demo", "tagrelay.targets[14].deployment=shared-b",
		"tagrelay.ingest.clients[0].name=web-pushes", "tagrelay.ingest.clients[0].token=" + IngestTest.WEB_PUSHES,
		"tagrelay.ingest.clients[0].repositories=quay.io/acme/web", "tagrelay.ingest.clients[1].name=release",
		"tagrelay.ingest.clients[1].token=" + IngestTest.RELEASE,
		"tagrelay.ingest.clients[1].targets=demo/api,demo/shared-a", "tagrelay.ingest.clients[1].set-image=true",
		"tagrelay.ingest.clients[2].name=queued", "tagrelay.ingest.clients[2].token=" + IngestTest.QUEUED,
		"tagrelay.ingest.clients[2].targets=demo/shared-b", "tagrelay.ingest.clients[2].max-queued=2",
		// the hostile corpus and the slow clients come from one address, one client
		"tagrelay.ingest.rate-limit.per-client.limit=1000000",
		"tagrelay.ingest.rate-limit.failed-auth-per-address.limit=1000000",
		"tagrelay.ingest.sources.distribution.registry-host=" + IngestTest.DISTRIBUTION_REGISTRY_HOST })
@ContextConfiguration(initializers = PubSubTokens.Initializer.class)
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = { "tagrelay.events", "tagrelay.results", "tagrelay.state" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface IngestTest {

	/** A configured ingest token. */
	String TOKEN = "test-token";

	/** {@code Authorization} with {@link #TOKEN} as a bearer token. */
	String BEARER = "Bearer " + TOKEN;

	/** Harbor's own token ({@code tagrelay.ingest.sources.harbor.tokens}). */
	String HARBOR_TOKEN = "harbor-test-token";

	/** ECR's own API key ({@code tagrelay.ingest.sources.ecr.tokens}). */
	String ECR_API_KEY = "ecr-test-api-key";

	/** GitHub's webhook secret ({@code tagrelay.ingest.sources.github.secret}). */
	String GITHUB_SECRET = "github-test-secret";

	/** The host users pull Distribution's repositories from. */
	String DISTRIBUTION_REGISTRY_HOST = "registry.example.com";

	/** The token of the client {@code web-pushes}. */
	String WEB_PUSHES = "web-pushes-token";

	/** The token of the client {@code release}. */
	String RELEASE = "release-token";

	/** The token of the client {@code queued}. */
	String QUEUED = "queued-token";

}
