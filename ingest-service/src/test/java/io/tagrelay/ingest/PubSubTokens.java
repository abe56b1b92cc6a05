package io.tagrelay.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Google's side of an Artifact Registry notification, for the tests: OIDC tokens as a
 * Pub/Sub push subscription signs them, with an RSA key generated here, and the key set
 * served by a small HTTP server on the loopback interface, which counts how often the
 * ingest fetched it. {@link Initializer} points the ingest at it.
 */
public final class PubSubTokens {

	/** The audience configured on the subscription and the ingest. */
	public static final String AUDIENCE = "https://ingest.example.com/webhooks/artifact-registry";

	/** The service account the subscription signs tokens as. */
	public static final String SERVICE_ACCOUNT = "pusher@acme-prod.iam.gserviceaccount.com";

	/** Google's issuer. */
	public static final String ISSUER = "https://accounts.google.com";

	private static final RSAKey KEY = generate("google-key-1");

	private static final RSAKey OTHER_KEY = generate("google-key-1");

	private static final AtomicInteger FETCHES = new AtomicInteger();

	private static final HttpServer SERVER = serve(new JWKSet(KEY.toPublicJWK()));

	private PubSubTokens() {
	}

	/**
	 * The URL of the key set.
	 * @return {@code http://127.0.0.1:<port>/oauth2/v3/certs}
	 */
	public static String jwksUri() {
		return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/oauth2/v3/certs";
	}

	/**
	 * How often the key set was fetched.
	 * @return the number of requests the server answered
	 */
	public static int fetches() {
		return FETCHES.get();
	}

	/**
	 * A valid token.
	 * @return {@code Authorization} with the token as a bearer token
	 */
	public static String bearer() {
		return bearer(UnaryOperator.identity());
	}

	/**
	 * A token with changed claims, signed with the served key.
	 * @param change changes the valid claims
	 * @return {@code Authorization} with the token as a bearer token
	 */
	public static String bearer(UnaryOperator<JWTClaimsSet.Builder> change) {
		return "Bearer " + sign(KEY, change.apply(claims()).build());
	}

	/**
	 * A valid token signed with a key that is not served, under the served key's id.
	 * @return {@code Authorization} with the token as a bearer token
	 */
	public static String bearerSignedByAnotherKey() {
		return "Bearer " + sign(OTHER_KEY, claims().build());
	}

	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject("113774264463038321964")
			.claim("azp", "113774264463038321964")
			.claim("email", SERVICE_ACCOUNT)
			.claim("email_verified", true)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))));
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer serve(JWKSet keys) {
		byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/oauth2/v3/certs", (exchange) -> {
				FETCHES.incrementAndGet();
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Points the ingest's Artifact Registry source at the served key set.
	 */
	public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("tagrelay.ingest.sources.artifact-registry.jwks-uri=" + jwksUri()).applyTo(context);
		}

	}

}
