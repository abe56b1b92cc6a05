package io.tagrelay.ingest.auth;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.source.SourcesProperties.ArtifactRegistrySource;
import io.tagrelay.ingest.source.WebhookPath;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * The OIDC token a Pub/Sub push subscription sends as {@code Authorization: Bearer}: an
 * RS256 JWT signed by a key of the configured JWKS, for the configured audience and
 * issuer, of the configured service account with a verified e-mail, not expired. The key
 * set is fetched when first needed and cached (nimbus' {@link JWKSourceBuilder}: kept for
 * minutes, refreshed ahead of expiry and when a token names an unknown key, at most once
 * in a while), never once per request.
 */
final class OidcTokenProof implements Proof {

	private static final Log logger = LogFactory.getLog(OidcTokenProof.class);

	private static final Duration RETRY = Duration.ofSeconds(30);

	private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	private final String serviceAccount;

	OidcTokenProof(ArtifactRegistrySource settings) {
		this(keys(settings), settings);
	}

	OidcTokenProof(JWKSource<SecurityContext> keys, ArtifactRegistrySource settings) {
		this.serviceAccount = settings.serviceAccount();
		this.processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(settings.issuer())
			.claim("email", settings.serviceAccount())
			.claim("email_verified", true)
			.build();
		this.processor.setJWTClaimsSetVerifier(
				new DefaultJWTClaimsVerifier<>(settings.audience(), exact, Set.of("exp", "iat", "email")));
	}

	private static JWKSource<SecurityContext> keys(ArtifactRegistrySource settings) {
		try {
			return JWKSourceBuilder.<SecurityContext>create(settings.jwksUri().toURL()).retrying(true).build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("tagrelay.ingest.sources.artifact-registry.jwks-uri is not a URL", ex);
		}
	}

	@Override
	public ErrorResponseException refusal(HttpServletRequest request, WebhookPath path) {
		String authorization = Proof.single(request, HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
			return invalid();
		}
		try {
			this.processor.process(authorization.substring("bearer ".length()).trim(), null);
			return null;
		}
		catch (ParseException | BadJOSEException ex) {
			// the reason names a claim or the signature, never the token
			logger.debug("Refused an Artifact Registry token: " + ex.getMessage());
			return invalid();
		}
		catch (JOSEException ex) {
			logger.warn("Cannot check an Artifact Registry token: " + ex.getMessage());
			return Problems.unavailable("the signing keys of the token cannot be read now", RETRY);
		}
	}

	private ErrorResponseException invalid() {
		return Problems.unauthorized("present an OIDC token of " + this.serviceAccount
				+ " for the configured audience as 'Authorization: Bearer <token>' (a Pub/Sub push subscription "
				+ "with authentication)", Problems.BEARER + ", error=\"invalid_token\"");
	}

}
