package io.tagrelay.ingest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole ingest on a random port against an embedded KRaft broker, with the targets
 * {@code quay.io/acme/web} → {@code demo/web/web}, {@code quay.io/acme/api} →
 * {@code demo/api} (every container), and {@code quay.io/acme/shared} →
 * {@code demo/shared-a} and {@code demo/shared-b}; the global tokens {@link #TOKEN} and
 * {@code second-token}, and the clients {@code web-pushes} ({@link #WEB_PUSHES}: pushes
 * of {@code quay.io/acme/web} only) and {@code release} ({@link #RELEASE}:
 * {@code demo/api} and {@code demo/shared-a} only, with {@code POST /deployment} but no
 * downgrade) and {@code queued} ({@link #QUEUED}: {@code demo/shared-b} only, at most 2
 * events pending); rate limits too high to matter ({@code RateLimitedIngestTest} tests
 * them). Every test class with this annotation shares one context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.ingest.tokens=" + IngestTest.TOKEN + ",second-token",
				"tagrelay.ingest.info.enabled=true", "tagrelay.ingest.wait-timeout=20s", "tagrelay.kafka.partitions=1",
				"tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].namespace=demo",
				"tagrelay.targets[0].deployment=web", "tagrelay.targets[0].container=web",
				"tagrelay.targets[1].repository=quay.io/acme/api", "tagrelay.targets[1].namespace=demo",
				"tagrelay.targets[1].deployment=api", "tagrelay.targets[2].repository=quay.io/acme/shared",
				"tagrelay.targets[2].namespace=demo", "tagrelay.targets[2].deployment=shared-a",
				"tagrelay.targets[3].repository=quay.io/acme/shared", "tagrelay.targets[3].namespace=demo",
				"tagrelay.targets[3].deployment=shared-b", "tagrelay.ingest.clients[0].name=web-pushes",
				"tagrelay.ingest.clients[0].token=" + IngestTest.WEB_PUSHES,
				"tagrelay.ingest.clients[0].repositories=quay.io/acme/web", "tagrelay.ingest.clients[1].name=release",
				"tagrelay.ingest.clients[1].token=" + IngestTest.RELEASE,
				"tagrelay.ingest.clients[1].targets=demo/api,demo/shared-a",
				"tagrelay.ingest.clients[1].set-image=true", "tagrelay.ingest.clients[2].name=queued",
				"tagrelay.ingest.clients[2].token=" + IngestTest.QUEUED,
				"tagrelay.ingest.clients[2].targets=demo/shared-b", "tagrelay.ingest.clients[2].max-queued=2",
				// the hostile corpus and the slow clients come from one address, one
				// client
				"tagrelay.ingest.rate-limit.per-client.limit=1000000",
				"tagrelay.ingest.rate-limit.failed-auth-per-address.limit=1000000" })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = { "tagrelay.events", "tagrelay.results", "tagrelay.state" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface IngestTest {

	/** A configured ingest token. */
	String TOKEN = "test-token";

	/** {@code Authorization} with {@link #TOKEN} as a bearer token. */
	String BEARER = "Bearer " + TOKEN;

	/** The token of the client {@code web-pushes}. */
	String WEB_PUSHES = "web-pushes-token";

	/** The token of the client {@code release}. */
	String RELEASE = "release-token";

	/** The token of the client {@code queued}. */
	String QUEUED = "queued-token";

}
