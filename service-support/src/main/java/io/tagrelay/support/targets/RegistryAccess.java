package io.tagrelay.support.targets;

import java.nio.file.Path;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
import jakarta.validation.constraints.NotBlank;

/**
 * How the worker signs in to one registry ({@code tagrelay.registries[n]}): at most one
 * way of signing in; none means anonymous access.
 *
 * @param host the registry's host (and port), as in image references: {@code quay.io},
 * {@code ghcr.io}, {@code docker.io}, {@code localhost:5000}
 * @param username the user of HTTP basic credentials, with {@code password}
 * @param password their password (or an access token used as one)
 * @param token a bearer token sent to the registry as it is
 * @param dockerConfig a Docker config JSON (the {@code .dockerconfigjson} of a
 * {@code kubernetes.io/dockerconfigjson} Secret) whose entry for {@code host} holds the
 * credentials
 * @param insecure whether the registry is spoken to over plain HTTP
 */
public record RegistryAccess(@NotBlank String host, String username, Secret password, Secret token, Path dockerConfig,
		boolean insecure) {

	/**
	 * Refuses a combination of settings that names no single way of signing in.
	 * @param key the entry's key, e.g. {@code tagrelay.registries[0]}
	 * @throws InvalidInputException naming the keys
	 */
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
