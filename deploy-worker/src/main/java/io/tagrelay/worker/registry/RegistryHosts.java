package io.tagrelay.worker.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.support.targets.RegistryAccess;
import io.tagrelay.support.targets.TargetsProperties;

/**
 * Where and how each registry is reached: its API's base URL and the credentials to sign
 * in with, from {@code tagrelay.registries[n]}, then
 * {@code tagrelay.registries-docker-config}, else anonymous over HTTPS.
 */
public final class RegistryHosts {

	private static final String DOCKER_HUB_API = "registry-1.docker.io";

	private final Map<String, Access> configured = new HashMap<>();

	/**
	 * Reads the configuration, and every Docker config JSON it names.
	 * @param properties {@code tagrelay.registries[n]} and
	 * {@code tagrelay.registries-docker-config}
	 * @throws InvalidInputException if a Docker config JSON cannot be read, or two
	 * entries name one registry, naming the key
	 */
	public RegistryHosts(TargetsProperties properties) {
		this(properties.registries(), properties.registriesDockerConfig());
	}

	RegistryHosts(List<RegistryAccess> registries, Path sharedDockerConfig) {
		if (sharedDockerConfig != null) {
			DockerConfig.read(sharedDockerConfig, "tagrelay.registries-docker-config")
				.forEach((host, credentials) -> this.configured.put(host, access(host, credentials, false)));
		}
		Set<String> explicit = new HashSet<>();
		for (int i = 0; i < registries.size(); i++) {
			RegistryAccess registry = registries.get(i);
			String key = "tagrelay.registries[" + i + "]";
			String host = canonical(registry.host());
			if (!explicit.add(host)) {
				throw new InvalidInputException(key + ".host names a registry configured before: " + registry.host());
			}
			this.configured.put(host, access(host, credentials(registry, key), registry.insecure()));
		}
	}

	private static Credentials credentials(RegistryAccess registry, String key) {
		if (registry.username() != null) {
			return new Credentials.Basic(registry.username(), registry.password());
		}
		if (registry.token() != null) {
			return new Credentials.Token(registry.token());
		}
		if (registry.dockerConfig() != null) {
			String host = canonical(registry.host());
			return DockerConfig.read(registry.dockerConfig(), key + ".docker-config")
				.getOrDefault(host, Credentials.ANONYMOUS);
		}
		return Credentials.ANONYMOUS;
	}

	/**
	 * How to reach the registry of an image.
	 * @param registry the registry as in a canonical image reference
	 * @return its access, anonymous over HTTPS unless configured
	 */
	Access forRegistry(String registry) {
		String host = canonical(registry);
		return this.configured.getOrDefault(host, access(host, Credentials.ANONYMOUS, false));
	}

	private static Access access(String host, Credentials credentials, boolean insecure) {
		String api = host.equals(ImageReference.DEFAULT_REGISTRY) ? DOCKER_HUB_API : host;
		return new Access(host, URI.create((insecure ? "http://" : "https://") + api), credentials);
	}

	/**
	 * A registry host as image references name it: lower case, without scheme or path,
	 * Docker Hub's aliases ({@code index.docker.io}, {@code registry-1.docker.io},
	 * {@code https://index.docker.io/v1/}) as {@code docker.io}.
	 * @param host a host as configured
	 * @return the canonical host
	 */
	static String canonical(String host) {
		String name = host.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
		int slash = name.indexOf('/');
		name = (slash >= 0) ? name.substring(0, slash) : name;
		return switch (name) {
			case "index.docker.io", DOCKER_HUB_API -> ImageReference.DEFAULT_REGISTRY;
			default -> name;
		};
	}

	/**
	 * How one registry is reached.
	 *
	 * @param host the canonical host, as image references name it
	 * @param base the base URL of its API ({@code /v2/} is below it)
	 * @param credentials how to sign in
	 */
	record Access(String host, URI base, Credentials credentials) {
	}

}
