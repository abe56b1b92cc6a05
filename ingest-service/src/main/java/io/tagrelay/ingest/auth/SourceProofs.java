package io.tagrelay.ingest.auth;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tagrelay.ingest.client.Clients;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.source.SourcesProperties;
import io.tagrelay.ingest.source.SourcesProperties.ArtifactRegistrySource;
import io.tagrelay.ingest.source.SourcesProperties.EcrSource;
import io.tagrelay.ingest.source.SourcesProperties.GithubSource;
import io.tagrelay.ingest.source.SourcesProperties.SourceSettings;
import io.tagrelay.ingest.source.WebhookPath;
import io.tagrelay.ingest.source.WebhookSources;
import io.tagrelay.model.Secret;
import io.tagrelay.model.source.Source;

/**
 * The proof each webhook that is on must present, where it is not the ingest tokens as
 * {@code Authorization: Bearer} or basic-auth password, which
 * {@link TokenAuthenticationFilter} checks on every other path:
 * <ul>
 * <li>a source's own tokens ({@code tagrelay.ingest.sources.<id>.tokens}), which replace
 * the ingest tokens on its path;</li>
 * <li>Harbor's, Azure's and Distribution's token may also be the whole
 * {@code Authorization} value, and ECR's the API-key header of its EventBridge
 * connection, with their own tokens or the ingest tokens;</li>
 * <li>Docker Hub's token in the path ({@code /webhooks/dockerhub/<token>});</li>
 * <li>GitHub's signature of the body, Artifact Registry's OIDC token.</li>
 * </ul>
 * With {@code tagrelay.ingest.auth.disabled}, the ingest tokens prove nothing: a source
 * without a proof of its own is then left to the proxy in front.
 */
class SourceProofs {

	private final Map<Source, Proof> proofs = new EnumMap<>(Source.class);

	private final Proof pathToken;

	SourceProofs(SourcesProperties sources, IngestProperties ingest, WebhookSources switches, Clients clients) {
		Tokens ingestTokens = ingest.auth().disabled() ? Tokens.none() : Tokens.of(clients);
		for (Source source : Source.values()) {
			Proof proof = switches.isOn(source) ? proof(source, sources.settings(source), ingestTokens, clients) : null;
			if (proof != null) {
				this.proofs.put(source, proof);
			}
		}
		SourceSettings dockerhub = sources.settings(Source.DOCKERHUB);
		this.pathToken = switches.isOn(Source.DOCKERHUB) ? new PathTokenProof(
				tokens(Source.DOCKERHUB, dockerhub, ingestTokens, clients), whose(Source.DOCKERHUB, dockerhub)) : null;
	}

	/**
	 * The proof a webhook's request must present.
	 * @param path the webhook, may be null
	 * @return the proof, or null if the ingest tokens (or the proxy in front) guard the
	 * path
	 */
	Proof proofFor(WebhookPath path) {
		if (path == null) {
			return null;
		}
		return (path.pathToken() != null) ? this.pathToken : this.proofs.get(path.source());
	}

	private static Proof proof(Source source, SourceSettings settings, Tokens ingestTokens, Clients clients) {
		if (settings instanceof GithubSource github) {
			return new GithubSignatureProof(github.secret());
		}
		if (settings instanceof ArtifactRegistrySource google) {
			return new OidcTokenProof(google);
		}
		Tokens tokens = tokens(source, settings, ingestTokens, clients);
		if (tokens.isEmpty()) {
			return null;
		}
		String whose = whose(source, settings);
		if (settings instanceof EcrSource ecr) {
			return new ApiKeyProof(ecr.header(), tokens, whose);
		}
		boolean verbatim = switch (source) {
			case HARBOR, ACR, DISTRIBUTION -> true;
			default -> false;
		};
		// the ingest tokens as bearer or basic password are the token filter's to check
		return (verbatim || !settings.tokens().isEmpty()) ? new TokenProof(tokens, verbatim, whose) : null;
	}

	private static Tokens tokens(Source source, SourceSettings settings, Tokens ingestTokens, Clients clients) {
		List<Secret> own = settings.tokens();
		return own.isEmpty() ? ingestTokens : Tokens.of(own, clients.of(source));
	}

	private static String whose(Source source, SourceSettings settings) {
		return settings.tokens().isEmpty() ? "an ingest token"
				: "a token of " + SourcesProperties.key(source, "tokens");
	}

}
