package io.tagrelay.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real CNCF Distribution registry (Debian's {@code docker-registry}) on the loopback
 * interface, for tests: started on a free port with its storage in a temporary directory,
 * optionally with htpasswd Basic auth and notification endpoints, and stopped (its
 * directory deleted) on close. Images go in with {@link #push(String, String)} (umoci
 * builds them, skopeo copies them); its access log tells what it was asked.
 */
public final class DistributionRegistry implements AutoCloseable {

	private static final List<String> MANIFEST_TYPES = List.of("application/vnd.oci.image.manifest.v1+json",
			"application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
			"application/vnd.docker.distribution.manifest.list.v2+json");

	private final RegistryFiles files;

	private final Credentials credentials;

	private final RegistryProcess process;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private OciImages images;

	private DistributionRegistry(RegistryFiles files, Credentials credentials, RegistryProcess process) {
		this.files = files;
		this.credentials = credentials;
		this.process = process;
	}

	/**
	 * Starts an anonymous registry that notifies no one.
	 * @return the running registry
	 * @throws IllegalStateException if {@code docker-registry} is missing or does not
	 * start
	 */
	public static DistributionRegistry start() {
		return builder().start();
	}

	/**
	 * How to start a registry with auth or notifications.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Its port.
	 * @return the port on 127.0.0.1
	 */
	public int port() {
		return this.process.port();
	}

	/**
	 * Its host, as image references and the envelopes' {@code request.host} name it.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String host() {
		return "127.0.0.1:" + port();
	}

	/**
	 * A URL of its API.
	 * @param path e.g. {@code /v2/} or {@code /v2/acme/web/tags/list}
	 * @return the URL
	 */
	public URI url(String path) {
		return URI.create("http://" + host() + path);
	}

	/**
	 * The credentials its Basic auth accepts.
	 * @return them, or empty if it is anonymous
	 */
	public Optional<Credentials> credentials() {
		return Optional.ofNullable(this.credentials);
	}

	/**
	 * A Docker config JSON (the {@code kubernetes.io/dockerconfigjson} format of an image
	 * pull secret) with its credentials for its host.
	 * @return the file, or empty if it is anonymous
	 */
	public Optional<Path> dockerConfig() {
		return credentials().map((credentials) -> this.files.dockerConfig(host(), credentials));
	}

	/**
	 * Builds a new image, unlike any before, and pushes it: pushed under a tag the
	 * registry has, it gives the tag a new digest.
	 * @param repository e.g. {@code acme/web}
	 * @param tag e.g. {@code 1.1.0}
	 * @return what the registry now has under that tag
	 * @throws IllegalStateException if umoci or skopeo is missing or fails
	 */
	public PushedImage push(String repository, String tag) {
		return push(images().build(), repository, tag);
	}

	/**
	 * Pushes an image with skopeo, with the registry's credentials if it has some.
	 * @param image the image, e.g. one pushed before under another tag
	 * @param repository e.g. {@code acme/web}
	 * @param tag e.g. {@code 1.1.0}
	 * @return what the registry now has under that tag
	 * @throws IllegalStateException if skopeo is missing or fails
	 */
	public PushedImage push(OciImage image, String repository, String tag) {
		String reference = host() + "/" + repository + ":" + tag;
		List<String> arguments = new ArrayList<>(
				List.of("--policy", this.files.policy().toString(), "copy", "--quiet", "--dest-tls-verify=false"));
		dockerConfig().ifPresent((config) -> arguments.addAll(List.of("--dest-authfile", config.toString())));
		arguments.add(image.skopeoReference());
		arguments.add("docker://" + reference);
		Commands.run(RegistryTool.SKOPEO, arguments.toArray(String[]::new));
		String digest = digest(repository, tag).orElseThrow(
				() -> new IllegalStateException("skopeo pushed " + reference + " but the registry has no such tag"));
		return new PushedImage(reference, digest, image);
	}

	/**
	 * Where {@link #push(String, String)} builds its images, to build one that is pushed
	 * under several tags.
	 * @return the images
	 * @throws IllegalStateException if umoci is missing or fails
	 */
	public synchronized OciImages images() {
		if (this.images == null) {
			this.images = new OciImages(this.files.directory().resolve("images"));
		}
		return this.images;
	}

	/**
	 * The digest the registry reports for a tag
	 * ({@code HEAD /v2/<repository>/manifests/<tag>}, with its credentials).
	 * @param repository e.g. {@code acme/web}
	 * @param tag e.g. {@code 1.1.0}
	 * @return its {@code Docker-Content-Digest}, or empty if the registry has no such tag
	 */
	public Optional<String> digest(String repository, String tag) {
		HttpRequest.Builder request = HttpRequest.newBuilder(url("/v2/" + repository + "/manifests/" + tag))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.header("Accept", String.join(", ", MANIFEST_TYPES));
		credentials().ifPresent((credentials) -> request.header("Authorization", credentials.basicAuthorization()));
		HttpResponse<Void> response = send(request.build());
		if (response.statusCode() == 404) {
			return Optional.empty();
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("HEAD " + response.uri() + " answered " + response.statusCode());
		}
		return response.headers().firstValue("Docker-Content-Digest");
	}

	/**
	 * What it has been asked so far, oldest first, this fixture's own requests included.
	 * A request shows once the registry has answered it and written its log line, so
	 * await a count rather than read it once.
	 * @return the requests of its access log
	 */
	public List<RegistryRequest> requests() {
		return log().lines().map(RegistryRequest::parse).flatMap(Optional::stream).toList();
	}

	/**
	 * What it printed: its access log and its own log lines.
	 * @return the text
	 */
	public String log() {
		return this.files.logText();
	}

	@Override
	public void close() {
		this.process.stop();
		this.files.delete();
	}

	@Override
	public String toString() {
		return "Distribution registry at " + host() + ((this.credentials != null) ? " (Basic auth)" : "");
	}

	private HttpResponse<Void> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * How to start a registry.
	 */
	public static final class Builder {

		private Credentials credentials;

		private final List<Notification> notifications = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Turns htpasswd Basic auth on, with one user: anonymous requests get 401.
		 * @param username the user
		 * @param password the password
		 * @return this builder
		 */
		public Builder basicAuth(String username, String password) {
			this.credentials = new Credentials(username, password);
			return this;
		}

		/**
		 * Adds a notification endpoint.
		 * @param url where the registry POSTs its event envelopes
		 * @param authorization the {@code Authorization} header it sends, e.g.
		 * {@code Bearer <token>}, or {@code null} for none
		 * @return this builder
		 */
		public Builder notify(URI url, String authorization) {
			return notify(Notification.to(url, authorization));
		}

		/**
		 * Adds a notification endpoint.
		 * @param notification where, and with which headers
		 * @return this builder
		 */
		public Builder notify(Notification notification) {
			this.notifications.add(notification);
			return this;
		}

		/**
		 * Starts the registry and waits until it serves {@code /v2/}.
		 * @return the running registry
		 * @throws IllegalStateException if {@code docker-registry} (or, with auth,
		 * {@code htpasswd}) is missing, or the registry does not start
		 */
		public DistributionRegistry start() {
			RegistryTool.DOCKER_REGISTRY.require();
			RegistryFiles files = RegistryFiles.create(this.credentials);
			List<Notification> endpoints = List.copyOf(this.notifications);
			try {
				RegistryProcess process = RegistryProcess.start(files,
						(port) -> new RegistryConfig(port, files.storage(), files.htpasswd(), endpoints));
				return new DistributionRegistry(files, this.credentials, process);
			}
			catch (RuntimeException ex) {
				files.delete();
				throw ex;
			}
		}

	}

}
