package io.tagrelay.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directory of one test registry: its configuration, storage, htpasswd
 * file, log, and the files skopeo reads (a signature policy that accepts anything, and a
 * Docker config JSON with the credentials).
 */
final class RegistryFiles {

	private final Path directory;

	private RegistryFiles(Path directory) {
		this.directory = directory;
	}

	/**
	 * Makes the directory, and the htpasswd file if there are credentials.
	 * @param credentials the one user, or {@code null}
	 * @return the files
	 */
	static RegistryFiles create(Credentials credentials) {
		try {
			RegistryFiles files = new RegistryFiles(Files.createTempDirectory("distribution-registry-"));
			Files.createDirectories(files.storage());
			Files.writeString(files.policy(), "{\"default\": [{\"type\": \"insecureAcceptAnything\"}]}\n");
			if (credentials != null) {
				// bcrypt, the only hash Distribution's htpasswd accepts
				String line = Commands.runWithInput(RegistryTool.HTPASSWD, credentials.password() + "\n", "-inB",
						credentials.username());
				Files.writeString(files.directory.resolve("htpasswd"), line.strip() + "\n");
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path directory() {
		return this.directory;
	}

	Path storage() {
		return this.directory.resolve("storage");
	}

	Path policy() {
		return this.directory.resolve("policy.json");
	}

	Path log() {
		return this.directory.resolve("registry.log");
	}

	/**
	 * The htpasswd file.
	 * @return it, or {@code null} if the registry is anonymous
	 */
	Path htpasswd() {
		Path file = this.directory.resolve("htpasswd");
		return Files.exists(file) ? file : null;
	}

	Path writeConfig(RegistryConfig config) {
		return write("config.yml", config.yaml());
	}

	Path dockerConfig(String host, Credentials credentials) {
		return write("docker-config.json",
				"{\"auths\": {\"" + host + "\": {\"auth\": \"" + credentials.base64() + "\"}}}\n");
	}

	String logText() {
		try {
			return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void delete() {
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path write(String name, String content) {
		try {
			return Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
