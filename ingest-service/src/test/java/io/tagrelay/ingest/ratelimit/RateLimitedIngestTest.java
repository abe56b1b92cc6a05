package io.tagrelay.ingest.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole ingest with low rate limits, one context and broker for every class that
 * tests them: each client may make {@value #PER_CLIENT} requests an hour (each test uses
 * a client of its own), an address may fail authentication {@value #FAILED_AUTH} times in
 * {@value #FAILED_AUTH_PERIOD}, at most {@value #MAX_ADDRESSES} addresses are remembered,
 * and only {@code 127.0.0.1} is a trusted proxy (so {@code 127.0.0.2}, also loopback, is
 * an untrusted peer); the generic webhook has a token of its own
 * ({@link #GENERIC_TOKEN}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.ingest.tokens=global-token", "tagrelay.ingest.info.enabled=true",
				"tagrelay.kafka.partitions=1", "tagrelay.targets[0].repository=quay.io/acme/web",
				"tagrelay.targets[0].namespace=demo", "tagrelay.targets[0].deployment=web",
				"tagrelay.ingest.clients[0].name=flood", "tagrelay.ingest.clients[0].token=flood-token",
				"tagrelay.ingest.clients[1].name=calm", "tagrelay.ingest.clients[1].token=calm-token",
				"tagrelay.ingest.clients[2].name=guesser", "tagrelay.ingest.clients[2].token=guesser-token",
				"tagrelay.ingest.clients[3].name=proxied", "tagrelay.ingest.clients[3].token=proxied-token",
				"tagrelay.ingest.rate-limit.per-client.limit=" + RateLimitedIngestTest.PER_CLIENT,
				"tagrelay.ingest.rate-limit.per-client.period=1h",
				"tagrelay.ingest.rate-limit.failed-auth-per-address.limit=" + RateLimitedIngestTest.FAILED_AUTH,
				"tagrelay.ingest.rate-limit.failed-auth-per-address.period=" + RateLimitedIngestTest.FAILED_AUTH_PERIOD,
				"tagrelay.ingest.rate-limit.max-addresses=" + RateLimitedIngestTest.MAX_ADDRESSES,
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
				"tagrelay.ingest.sources.generic.tokens=" + RateLimitedIngestTest.GENERIC_TOKEN })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = { "tagrelay.events", "tagrelay.results", "tagrelay.state" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface RateLimitedIngestTest {

	/** Requests per client per hour. */
	int PER_CLIENT = 5;

	/** Failed authentications per address per period. */
	int FAILED_AUTH = 3;

	/** The failed-authentication period. */
	String FAILED_AUTH_PERIOD = "5s";

	/** The most addresses remembered. */
	int MAX_ADDRESSES = 50;

	/** The generic webhook's own token. */
	String GENERIC_TOKEN = "generic-own-token";

}
