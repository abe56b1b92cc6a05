package io.tagrelay.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tagrelay.ingest.GithubSignatures;
import io.tagrelay.ingest.PubSubTokens;
import io.tagrelay.ingest.client.Clients;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.source.SourcesProperties;
import io.tagrelay.ingest.source.WebhookPath;
import io.tagrelay.ingest.source.WebhookSources;
import io.tagrelay.model.target.Targets;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;

class SourceProofsTests {

	static final String INGEST_TOKEN = "ingest-token";

	@Test
	void leavesTheIngestTokensAsBearerOrBasicPasswordToTheTokenFilter() {
		SourceProofs proofs = proofs();

		assertThat(proofs.proofFor(path("/webhook"))).isNull();
		assertThat(proofs.proofFor(path("/webhooks/quay"))).isNull();
		assertThat(proofs.proofFor(path("/webhooks/generic"))).isNull();
		assertThat(proofs.proofFor(path("/webhooks/dockerhub"))).isNull();
		assertThat(proofs.proofFor(path("/webhooks/github;x"))).isNull();
		assertThat(proofs.proofFor(path("/info"))).isNull();
	}

	@Test
	void checksWhatTheTokenFilterCannotWithTheIngestTokens() {
		SourceProofs proofs = proofs();

		assertThat(proofs.proofFor(path("/webhooks/dockerhub/" + INGEST_TOKEN))).isInstanceOf(PathTokenProof.class);
		assertThat(proofs.proofFor(path("/webhooks/harbor"))).isInstanceOf(TokenProof.class);
		assertThat(proofs.proofFor(path("/webhooks/acr"))).isInstanceOf(TokenProof.class);
		assertThat(proofs.proofFor(path("/webhooks/distribution"))).isInstanceOf(TokenProof.class);
		assertThat(proofs.proofFor(path("/webhooks/ecr"))).isInstanceOf(ApiKeyProof.class);
		assertThat(refusal(proofs, request("/webhooks/acr", HttpHeaders.AUTHORIZATION, INGEST_TOKEN))).isNull();
	}

	@Test
	void checksASourcesOwnTokensInsteadOfTheIngestTokens() {
		SourceProofs proofs = proofs("tagrelay.ingest.sources.quay.tokens", "quay-1,quay-2");

		assertThat(refusal(proofs, request("/webhook", HttpHeaders.AUTHORIZATION, "Bearer quay-2"))).isNull();
		assertThat(refusal(proofs, request("/webhooks/quay", HttpHeaders.AUTHORIZATION, "Bearer " + INGEST_TOKEN)))
			.extracting(ErrorResponseException::getStatusCode)
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void leavesAnOffSourceBehindTheTokenFilter() {
		SourceProofs proofs = proofs("tagrelay.ingest.sources.harbor.enabled", "false",
				"tagrelay.ingest.sources.harbor.tokens", "harbor-token");

		assertThat(proofs.proofFor(path("/webhooks/harbor"))).isNull();
		assertThat(proofs.proofFor(path("/webhooks/github"))).isNull();
		assertThat(proofs.proofFor(path("/webhooks/artifact-registry"))).isNull();
	}

	@Test
	void keepsCheckingOwnProofsWhenAProxyChecksTheIngestTokens() {
		SourceProofs proofs = proofs("tagrelay.ingest.auth.disabled", "true", "tagrelay.ingest.sources.github.secret",
				"gh-secret", "tagrelay.ingest.sources.harbor.tokens", "harbor-token");

		assertThat(proofs.proofFor(path("/webhooks/github"))).isInstanceOf(GithubSignatureProof.class);
		assertThat(proofs.proofFor(path("/webhooks/harbor"))).isInstanceOf(TokenProof.class);
		assertThat(proofs.proofFor(path("/webhooks/acr"))).isNull();
		assertThat(refusal(proofs, request("/webhooks/dockerhub/" + INGEST_TOKEN))).isNotNull();
	}

	@Test
	void takesATokenSentVerbatimOrAsBearerOrBasicPasswordFromTheRegistriesThatSendAHeaderAsConfigured() {
		SourceProofs proofs = proofs("tagrelay.ingest.sources.harbor.tokens", "harbor-token");

		for (String authorization : new String[] { "harbor-token", "Bearer harbor-token", "bearer  harbor-token",
				AuthenticationTests.basic("harbor", "harbor-token") }) {
			assertThat(refusal(proofs, request("/webhooks/harbor", HttpHeaders.AUTHORIZATION, authorization)))
				.as(authorization)
				.isNull();
		}
		for (String authorization : new String[] { "harbor-tokenx", "Bearer harbor-tokenx", "Token harbor-token", "",
				"harbor-token " }) {
			assertThat(refusal(proofs, request("/webhooks/harbor", HttpHeaders.AUTHORIZATION, authorization)))
				.as(authorization)
				.isNotNull();
		}
		MockHttpServletRequest twice = request("/webhooks/harbor", HttpHeaders.AUTHORIZATION, "harbor-token");
		twice.addHeader(HttpHeaders.AUTHORIZATION, "harbor-token");
		assertThat(refusal(proofs, twice)).isNotNull();
	}

	@Test
	void takesEcrsApiKeyInTheConfiguredHeaderOrAsBasicPassword() {
		SourceProofs proofs = proofs("tagrelay.ingest.sources.ecr.tokens", "ecr-key",
				"tagrelay.ingest.sources.ecr.header", "X-Relay-Key");

		assertThat(refusal(proofs, request("/webhooks/ecr", "x-relay-key", "ecr-key"))).isNull();
		assertThat(refusal(proofs,
				request("/webhooks/ecr", HttpHeaders.AUTHORIZATION, AuthenticationTests.basic("aws", "ecr-key"))))
			.isNull();
		assertThat(refusal(proofs, request("/webhooks/ecr", "x-api-key", "ecr-key"))).isNotNull();
		ErrorResponseException refused = refusal(proofs, request("/webhooks/ecr", "X-Relay-Key", "nope"));
		assertThat(refused.getBody().getDetail()).contains("'X-Relay-Key'").doesNotContain("ecr-key");
	}

	@Test
	void checksTheFormOfGithubsSignatureBeforeTheBodyAndTheSignatureAfter() {
		Proof github = proofs("tagrelay.ingest.sources.github.secret", "gh-secret").proofFor(path("/webhooks/github"));
		byte[] body = "{\"action\":\"published\"}".getBytes(StandardCharsets.UTF_8);
		String signature = GithubSignatures.of(body, "gh-secret");

		assertThat(github.signsBody()).isTrue();
		for (String form : new String[] { "sha1=" + "0".repeat(40), "sha256=" + "0".repeat(63), "0".repeat(64),
				"sha256=" + "g".repeat(64) }) {
			assertThat(github.refusal(request("/webhooks/github", GithubSignatureProof.HEADER, form),
					WebhookPath.of(request("/webhooks/github"))))
				.as(form)
				.isNotNull();
		}
		assertThat(github.refusal(request("/webhooks/github"), WebhookPath.of(request("/webhooks/github"))))
			.isNotNull();
		assertThat(github.refusal(body, request("/webhooks/github", GithubSignatureProof.HEADER, signature))).isNull();
		assertThat(github.refusal(body, request("/webhooks/github", GithubSignatureProof.HEADER,
				"sha256=" + signature.substring(7).toUpperCase())))
			.isNull();
		assertThat(github.refusal("{}".getBytes(StandardCharsets.UTF_8),
				request("/webhooks/github", GithubSignatureProof.HEADER, signature)))
			.isNotNull();
	}

	@Test
	void answers503WhenGooglesKeysCannotBeRead() {
		// a port nothing listens on
		Proof google = proofs("tagrelay.ingest.sources.artifact-registry.audience", PubSubTokens.AUDIENCE,
				"tagrelay.ingest.sources.artifact-registry.service-account", PubSubTokens.SERVICE_ACCOUNT,
				"tagrelay.ingest.sources.artifact-registry.jwks-uri", "http://127.0.0.1:9/certs")
			.proofFor(path("/webhooks/artifact-registry"));

		ErrorResponseException refused = google.refusal(
				request("/webhooks/artifact-registry", HttpHeaders.AUTHORIZATION, PubSubTokens.bearer()),
				path("/webhooks/artifact-registry"));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
	}

	private static SourceProofs proofs(String... properties) {
		Map<String, Object> map = new HashMap<>();
		map.put("tagrelay.ingest.tokens", INGEST_TOKEN);
		for (int i = 0; i < properties.length; i += 2) {
			map.put(properties[i], properties[i + 1]);
		}
		Binder binder = new Binder(new MapConfigurationPropertySource(map));
		IngestProperties ingest = binder.bindOrCreate("tagrelay.ingest", IngestProperties.class);
		SourcesProperties sources = binder.bindOrCreate("tagrelay.ingest.sources", SourcesProperties.class);
		return new SourceProofs(sources, ingest, new WebhookSources(sources, ingest),
				new Clients(ingest, new Targets(List.of(), Optional.empty())));
	}

	private static ErrorResponseException refusal(SourceProofs proofs, MockHttpServletRequest request) {
		WebhookPath path = WebhookPath.of(request);
		return proofs.proofFor(path).refusal(request, path);
	}

	private static WebhookPath path(String uri) {
		return WebhookPath.of(request(uri));
	}

	private static MockHttpServletRequest request(String uri, String... header) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		if (header.length == 2) {
			request.addHeader(header[0], header[1]);
		}
		return request;
	}

}
