package io.tagrelay.worker.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the credentials of a Docker config JSON, the {@code .dockerconfigjson} of a
 * {@code kubernetes.io/dockerconfigjson} image pull Secret: {@code auths} by registry,
 * each with {@code auth} (base64 of {@code user:password}), {@code username} and
 * {@code password}, or {@code registrytoken}. An {@code identitytoken} (an OAuth2 refresh
 * token) is refused: the worker does not speak that flow.
 */
final class DockerConfig {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DockerConfig() {
	}

	/**
	 * Reads a Docker config JSON.
	 * @param path the file
	 * @param key the configuration key that names it, for error messages
	 * @return the credentials by canonical registry host
	 * @throws InvalidInputException if it cannot be read, naming the key
	 */
	static Map<String, Credentials> read(Path path, String key) {
		JsonNode auths;
		try {
			auths = JSON.readTree(Files.readString(path, StandardCharsets.UTF_8)).path("auths");
		}
		catch (IOException | JacksonException ex) {
			throw new InvalidInputException(
					key + ": cannot read the Docker config JSON " + path + " (" + ex.getClass().getSimpleName() + ")");
		}
		if (!auths.isObject()) {
			throw new InvalidInputException(key + ": " + path + " has no \"auths\" object (a .dockerconfigjson)");
		}
		Map<String, Credentials> credentials = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : auths.properties()) {
			String where = key + " (" + path + ", auths." + entry.getKey() + ")";
			credentials.put(RegistryHosts.canonical(entry.getKey()), credentials(entry.getValue(), where));
		}
		return credentials;
	}

	private static Credentials credentials(JsonNode entry, String where) {
		if (entry.hasNonNull("identitytoken")) {
			throw new InvalidInputException(where + ": identitytoken (OAuth2 refresh token) is not supported; "
					+ "use username/password or an access token as password");
		}
		if (entry.hasNonNull("registrytoken")) {
			return new Credentials.Token(new Secret(entry.get("registrytoken").asString()));
		}
		if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
			return new Credentials.Basic(entry.get("username").asString(),
					new Secret(entry.get("password").asString()));
		}
		if (entry.hasNonNull("auth")) {
			String pair;
			try {
				pair = new String(Base64.getDecoder().decode(entry.get("auth").asString()), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(where + ": auth is not base64");
			}
			int colon = pair.indexOf(':');
			if (colon <= 0 || colon == pair.length() - 1) {
				throw new InvalidInputException(where + ": auth is not base64 of user:password");
			}
			return new Credentials.Basic(pair.substring(0, colon), new Secret(pair.substring(colon + 1)));
		}
		return Credentials.ANONYMOUS;
	}

}
