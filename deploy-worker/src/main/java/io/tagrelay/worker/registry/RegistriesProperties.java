package io.tagrelay.worker.registry;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker signs in to registries: {@code tagrelay.registries[n]}, and a mounted
 * Docker config JSON for every registry it names
 * ({@code tagrelay.registries-docker-config}). A registry configured nowhere is asked
 * anonymously, over HTTPS.
 *
 * @param registries the registries with their credentials, possibly none
 * @param registriesDockerConfig a Docker config JSON (the {@code .dockerconfigjson} of a
 * {@code kubernetes.io/dockerconfigjson} Secret), whose {@code auths} apply to every
 * registry they name that {@code registries} does not; or {@code null}
 */
@ConfigurationProperties("tagrelay")
@Validated
public record RegistriesProperties(List<@Valid Registry> registries, Path registriesDockerConfig) {

	public RegistriesProperties {
		registries = (registries == null) ? List.of() : List.copyOf(registries);
		Set<String> hosts = new HashSet<>();
		for (int i = 0; i < registries.size(); i++) {
			Registry registry = registries.get(i);
			String key = "tagrelay.registries[" + i + "]";
			registry.check(key);
			if (registry.host() != null && !hosts.add(RegistryHosts.canonical(registry.host()))) {
				throw new InvalidInputException(key + ".host names a registry configured before: " + registry.host());
			}
		}
	}

	/**
	 * One registry ({@code tagrelay.registries[n]}): at most one way of signing in.
	 *
	 * @param host the registry's host (and port), as in image references:
	 * {@code quay.io}, {@code ghcr.io}, {@code docker.io}, {@code localhost:5000}
	 * @param username the user of HTTP basic credentials, with {@code password}
	 * @param password their password (or access token used as one)
	 * @param token a bearer token sent to the registry as it is
	 * @param dockerConfig a Docker config JSON whose entry for {@code host} holds the
	 * credentials
	 * @param insecure whether the registry is spoken to over plain HTTP
	 */
	public record Registry(@NotBlank String host, String username, Secret password, Secret token, Path dockerConfig,
			boolean insecure) {

		void check(String key) {
			boolean basic = this.username != null || this.password != null;
			if (basic && (this.username == null || this.username.isBlank() || this.password == null)) {
				throw new InvalidInputException(key + ".username and " + key + ".password must be set together");
			}
			int ways = (basic ? 1 : 0) + ((this.token != null) ? 1 : 0) + ((this.dockerConfig != null) ? 1 : 0);
			if (ways > 1) {
				throw new InvalidInputException(key + " sets more than one of username/password, token and "
						+ "docker-config: choose one way of signing in");
			}
		}

	}

}
