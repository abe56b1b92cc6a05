package io.tagrelay.ingest.source;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.source.SourcesProperties.ArtifactRegistrySource;
import io.tagrelay.ingest.source.SourcesProperties.EcrSource;
import io.tagrelay.ingest.source.SourcesProperties.GithubSource;
import io.tagrelay.ingest.source.SourcesProperties.SourceSettings;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.source.Source;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Which sources' webhooks are on: a source is on when it is enabled and has a proof to
 * check, its own or the ingest tokens where its registry can send a token; GitHub needs
 * its secret and Artifact Registry its audience and service account. The list is logged
 * at start-up, without a secret.
 */
public class WebhookSources {

	private static final Log logger = LogFactory.getLog(WebhookSources.class);

	/** The registries that cannot present a token. */
	private static final Set<Source> TOKENLESS = EnumSet.of(Source.GITHUB, Source.ARTIFACT_REGISTRY);

	private final SourcesProperties properties;

	private final boolean proxyAuthenticates;

	WebhookSources(SourcesProperties properties, IngestProperties ingest) {
		this.properties = properties;
		this.proxyAuthenticates = ingest.auth().disabled();
	}

	/**
	 * Whether a source's registry can present a token (as {@code Authorization}, in a
	 * header of its own or in the path), so that the ingest tokens may prove it.
	 * @param source the source
	 * @return false for GitHub and Artifact Registry
	 */
	public static boolean sendsToken(Source source) {
		return !TOKENLESS.contains(source);
	}

	/**
	 * Whether a source's webhook is on.
	 * @param source the source
	 * @return true if enabled and its proof can be checked
	 */
	public boolean isOn(Source source) {
		return whyOff(source) == null;
	}

	/**
	 * Why a source's webhook is off.
	 * @param source the source
	 * @return the reason, naming the key to set, or null if it is on
	 */
	public String whyOff(Source source) {
		SourceSettings settings = this.properties.settings(source);
		if (!settings.enabled()) {
			return SourcesProperties.key(source, "enabled") + " is false";
		}
		if (settings instanceof GithubSource github && github.secret() == null) {
			return "no " + SourcesProperties.key(source, "secret") + " is set";
		}
		if (settings instanceof ArtifactRegistrySource google && !google.configured()) {
			return "no " + SourcesProperties.key(source, "audience") + " and "
					+ SourcesProperties.key(source, "service-account") + " are set";
		}
		return null;
	}

	/**
	 * The registry host that replaces the one a source's payloads name.
	 * @param source the source
	 * @return {@code tagrelay.ingest.sources.<id>.registry-host}, or null to keep the
	 * payload's
	 */
	public String registryHost(Source source) {
		return this.properties.settings(source).registryHost();
	}

	/**
	 * The repository a source's payload names, with the configured registry host.
	 * @param source the source
	 * @param repository the canonical repository the payload names
	 * @return the repository with {@code tagrelay.ingest.sources.<id>.registry-host} as
	 * its host, if one is set
	 */
	public String repository(Source source, String repository) {
		String host = registryHost(source);
		if (host == null) {
			return repository;
		}
		return ImageReference.parseRepository(host + "/" + ImageReference.parseRepository(repository).path())
			.repository();
	}

	void logSources() {
		List<String> on = new ArrayList<>();
		List<String> off = new ArrayList<>();
		for (Source source : Source.values()) {
			String whyOff = whyOff(source);
			if (whyOff == null) {
				on.add(source.id() + " (" + proof(source) + ")");
			}
			else {
				off.add(source.id() + " (" + whyOff + ")");
			}
		}
		logger
			.info("Webhooks on: " + String.join(", ", on) + (off.isEmpty() ? "" : "; off: " + String.join(", ", off)));
	}

	private String proof(Source source) {
		SourceSettings settings = this.properties.settings(source);
		if (settings instanceof GithubSource) {
			return "signed with the secret";
		}
		if (settings instanceof ArtifactRegistrySource google) {
			return "OIDC tokens of " + google.serviceAccount();
		}
		String header = (settings instanceof EcrSource ecr) ? " in " + ecr.header() + " or basic auth" : "";
		if (!settings.tokens().isEmpty()) {
			return settings.tokens().size() + " token(s) of its own" + header;
		}
		return this.proxyAuthenticates ? "authenticated by the proxy in front" : "the ingest tokens" + header;
	}

}
