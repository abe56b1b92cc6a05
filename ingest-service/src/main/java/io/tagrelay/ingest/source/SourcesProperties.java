package io.tagrelay.ingest.source;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.InvalidReferenceException;
import io.tagrelay.model.source.Source;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registries' webhooks ({@code tagrelay.ingest.sources.<id>.*}), one entry per
 * {@link Source}. A source whose registry can send a token accepts the ingest tokens
 * ({@code tagrelay.ingest.tokens}) unless it has tokens of its own; GitHub needs its
 * {@code secret} and Artifact Registry its {@code audience} and {@code service-account}
 * before they are on.
 *
 * @param quay Quay's {@code repo_push} ({@code POST /webhook}, {@code /webhooks/quay})
 * @param dockerhub Docker Hub ({@code /webhooks/dockerhub},
 * {@code /webhooks/dockerhub/<token>})
 * @param harbor Harbor ({@code /webhooks/harbor})
 * @param github GitHub Container Registry's {@code package} events
 * ({@code /webhooks/github})
 * @param distribution CNCF Distribution and GitLab's registry
 * ({@code /webhooks/distribution})
 * @param acr Azure Container Registry ({@code /webhooks/acr})
 * @param artifactRegistry Google Artifact Registry through Pub/Sub
 * ({@code /webhooks/artifact-registry})
 * @param ecr AWS ECR through an EventBridge API destination ({@code /webhooks/ecr})
 * @param generic any CI ({@code /webhooks/generic})
 */
@ConfigurationProperties("tagrelay.ingest.sources")
public record SourcesProperties(@DefaultValue TokenSource quay, @DefaultValue TokenSource dockerhub,
		@DefaultValue TokenSource harbor, @DefaultValue GithubSource github, @DefaultValue TokenSource distribution,
		@DefaultValue TokenSource acr, @DefaultValue ArtifactRegistrySource artifactRegistry,
		@DefaultValue EcrSource ecr, @DefaultValue TokenSource generic) {

	public SourcesProperties {
		quay = orDefault(quay);
		dockerhub = orDefault(dockerhub);
		harbor = orDefault(harbor);
		github = Objects.requireNonNullElseGet(github, () -> new GithubSource(true, null, null));
		distribution = orDefault(distribution);
		acr = orDefault(acr);
		artifactRegistry = Objects.requireNonNullElseGet(artifactRegistry,
				() -> new ArtifactRegistrySource(true, null, null, null, null, null));
		ecr = Objects.requireNonNullElseGet(ecr, () -> new EcrSource(true, null, null, null));
		generic = orDefault(generic);
		requireRegistryHost(Source.QUAY, quay);
		requireRegistryHost(Source.DOCKERHUB, dockerhub);
		requireRegistryHost(Source.HARBOR, harbor);
		requireRegistryHost(Source.GITHUB, github);
		requireRegistryHost(Source.DISTRIBUTION, distribution);
		requireRegistryHost(Source.ACR, acr);
		requireRegistryHost(Source.ARTIFACT_REGISTRY, artifactRegistry);
		requireRegistryHost(Source.ECR, ecr);
		requireRegistryHost(Source.GENERIC, generic);
	}

	// an empty environment variable means unset
	private static String unsetIfBlank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static TokenSource orDefault(TokenSource source) {
		return Objects.requireNonNullElseGet(source, () -> new TokenSource(true, null, null));
	}

	/**
	 * One source's settings.
	 * @param source the source
	 * @return its settings
	 */
	public SourceSettings settings(Source source) {
		return switch (source) {
			case QUAY -> this.quay;
			case DOCKERHUB -> this.dockerhub;
			case HARBOR -> this.harbor;
			case GITHUB -> this.github;
			case DISTRIBUTION -> this.distribution;
			case ACR -> this.acr;
			case ARTIFACT_REGISTRY -> this.artifactRegistry;
			case ECR -> this.ecr;
			case GENERIC -> this.generic;
		};
	}

	/**
	 * A source's configuration key.
	 * @param source the source
	 * @param name the key's last part, e.g. {@code secret}
	 * @return e.g. {@code tagrelay.ingest.sources.github.secret}
	 */
	public static String key(Source source, String name) {
		return "tagrelay.ingest.sources." + source.id() + "." + name;
	}

	private static void requireRegistryHost(Source source, SourceSettings settings) {
		String host = settings.registryHost();
		if (host == null) {
			return;
		}
		try {
			if (ImageReference.parseRepository(host + "/x").registry().equals(host.toLowerCase(Locale.ROOT))) {
				return;
			}
		}
		catch (InvalidReferenceException ex) {
			// refused below, with the key
		}
		throw new InvalidInputException(
				key(source, "registry-host") + " must be a registry host, optionally with a port (e.g. "
						+ "registry.example.com or registry.example.com:5000)");
	}

	/**
	 * What every source's settings have.
	 */
	public sealed interface SourceSettings permits TokenSource, GithubSource, ArtifactRegistrySource, EcrSource {

		/**
		 * Whether the source may be used at all.
		 * @return false to switch its endpoint off (404)
		 */
		boolean enabled();

		/**
		 * The registry host users pull from, when the payload names another one.
		 * @return the host (and port) that replaces the payload's, or null to keep it
		 */
		String registryHost();

		/**
		 * The source's own tokens, which replace the ingest tokens on its endpoint.
		 * @return the tokens, possibly none
		 */
		default List<Secret> tokens() {
			return List.of();
		}

	}

	/**
	 * A source that proves itself with a token ({@code tagrelay.ingest.sources.<id>.*}).
	 *
	 * @param enabled whether the endpoint is on
	 * @param tokens the source's own tokens (comma-separated); none: the ingest tokens
	 * @param registryHost the host that replaces the payload's
	 */
	public record TokenSource(@DefaultValue("true") boolean enabled, List<Secret> tokens,
			String registryHost) implements SourceSettings {

		public TokenSource {
			tokens = (tokens == null) ? List.of() : List.copyOf(tokens);
			registryHost = unsetIfBlank(registryHost);
		}

	}

	/**
	 * GitHub's {@code package} events ({@code tagrelay.ingest.sources.github.*}), signed
	 * with the webhook's secret.
	 *
	 * @param enabled whether the endpoint is on
	 * @param secret the webhook's secret, which signs the body (HMAC-SHA256 in
	 * {@code X-Hub-Signature-256}); the endpoint is off without it
	 * @param registryHost the host that replaces {@code ghcr.io}
	 */
	public record GithubSource(@DefaultValue("true") boolean enabled, Secret secret,
			String registryHost) implements SourceSettings {

		public GithubSource {
			registryHost = unsetIfBlank(registryHost);
		}

	}

	/**
	 * AWS ECR's events through an EventBridge API destination
	 * ({@code tagrelay.ingest.sources.ecr.*}).
	 *
	 * @param enabled whether the endpoint is on
	 * @param tokens the API keys (comma-separated); none: the ingest tokens
	 * @param header the header of the EventBridge connection's API key authorization
	 * @param registryHost the host that replaces
	 * {@code <account>.dkr.ecr.<region>.amazonaws.com}
	 */
	public record EcrSource(@DefaultValue("true") boolean enabled, List<Secret> tokens,
			@DefaultValue("x-api-key") String header, String registryHost) implements SourceSettings {

		private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

		public EcrSource {
			tokens = (tokens == null) ? List.of() : List.copyOf(tokens);
			header = Objects.requireNonNullElse(unsetIfBlank(header), "x-api-key");
			registryHost = unsetIfBlank(registryHost);
			if (!HEADER_NAME.matcher(header).matches()) {
				throw new InvalidInputException(key(Source.ECR, "header") + " must be an HTTP header name");
			}
		}

	}

	/**
	 * Google Artifact Registry's notifications, pushed by a Pub/Sub push subscription
	 * with an OIDC token ({@code tagrelay.ingest.sources.artifact-registry.*}).
	 *
	 * @param enabled whether the endpoint is on
	 * @param registryHost the host that replaces {@code <location>-docker.pkg.dev}
	 * @param jwksUri where Google's signing keys are published
	 * @param audience the audience the push subscription puts in its tokens; the endpoint
	 * is off without it
	 * @param issuer the issuer of the tokens
	 * @param serviceAccount the e-mail of the service account the subscription signs
	 * tokens as; the endpoint is off without it
	 */
	public record ArtifactRegistrySource(@DefaultValue("true") boolean enabled, String registryHost,
			@DefaultValue("https://www.googleapis.com/oauth2/v3/certs") URI jwksUri, String audience,
			@DefaultValue("https://accounts.google.com") String issuer,
			String serviceAccount) implements SourceSettings {

		public ArtifactRegistrySource {
			jwksUri = Objects.requireNonNullElseGet(jwksUri,
					() -> URI.create("https://www.googleapis.com/oauth2/v3/certs"));
			issuer = Objects.requireNonNullElse(unsetIfBlank(issuer), "https://accounts.google.com");
			registryHost = unsetIfBlank(registryHost);
			audience = unsetIfBlank(audience);
			serviceAccount = unsetIfBlank(serviceAccount);
			String scheme = jwksUri.getScheme();
			if (!jwksUri.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme))
					|| jwksUri.getHost() == null) {
				throw new InvalidInputException(key(Source.ARTIFACT_REGISTRY, "jwks-uri") + " must be an http(s) URL");
			}
			if ((audience == null) != (serviceAccount == null)) {
				String missing = (audience == null) ? "audience" : "service-account";
				throw new InvalidInputException(key(Source.ARTIFACT_REGISTRY, missing)
						+ " is required too: Pub/Sub's tokens are checked for both their audience and their "
						+ "service account");
			}
		}

		/**
		 * Whether a token can be checked.
		 * @return true if audience and service account are set
		 */
		public boolean configured() {
			return this.audience != null;
		}

	}

}
