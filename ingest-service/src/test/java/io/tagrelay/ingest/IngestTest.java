package io.tagrelay.ingest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole ingest on a random port against an embedded KRaft broker, with two targets:
 * {@code quay.io/acme/web} → {@code demo/web/web} and {@code quay.io/acme/api} →
 * {@code demo/api} (every container). Every test class with this annotation shares one
 * context and one broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.ingest.tokens=" + IngestTest.TOKEN + ",second-token",
				"tagrelay.ingest.info.enabled=true", "tagrelay.ingest.wait-timeout=20s", "tagrelay.kafka.partitions=1",
				"tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].namespace=demo",
				"tagrelay.targets[0].deployment=web", "tagrelay.targets[0].container=web",
				"tagrelay.targets[1].repository=quay.io/acme/api", "tagrelay.targets[1].namespace=demo",
				"tagrelay.targets[1].deployment=api" })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = { "tagrelay.events", "tagrelay.results", "tagrelay.state" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface IngestTest {

	/** A configured ingest token. */
	String TOKEN = "test-token";

	/** {@code Authorization} with {@link #TOKEN} as a bearer token. */
	String BEARER = "Bearer " + TOKEN;

}
