package io.tagrelay.testing.registry;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The programs a real registry in the tests needs, each with the Debian package that
 * brings it ({@code .ci/run} installs them all). Found on the {@code PATH}.
 */
public enum RegistryTool {

	/** CNCF Distribution, the registry itself. */
	DOCKER_REGISTRY("docker-registry", "docker-registry"),

	/** Copies images into the registry. */
	SKOPEO("skopeo", "skopeo"),

	/** Builds the OCI image layouts that are pushed. */
	UMOCI("umoci", "umoci"),

	/** Writes the bcrypt password file of the registry's Basic auth. */
	HTPASSWD("htpasswd", "apache2-utils");

	private final String program;

	private final String debianPackage;

	RegistryTool(String program, String debianPackage) {
		this.program = program;
		this.debianPackage = debianPackage;
	}

	/**
	 * Where the program is.
	 * @return the first executable of that name on the {@code PATH}, or empty
	 */
	public Optional<Path> find() {
		return find(System.getenv("PATH"));
	}

	Optional<Path> find(String pathVariable) {
		if (pathVariable == null) {
			return Optional.empty();
		}
		return Stream.of(pathVariable.split(File.pathSeparator))
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, this.program))
			.filter((file) -> Files.isRegularFile(file) && Files.isExecutable(file))
			.findFirst();
	}

	/**
	 * Where the program is, or a failure that says how to install it.
	 * @return the executable
	 * @throws IllegalStateException if it is not on the {@code PATH}
	 */
	public Path require() {
		return find().orElseThrow(() -> new IllegalStateException(missing()));
	}

	/**
	 * What to say when the program is missing.
	 * @return e.g. {@code no umoci on the PATH (on Debian: apt-get install umoci, as
	 * .ci/run does)}
	 */
	public String missing() {
		return "no " + this.program + " on the PATH (on Debian: apt-get install " + this.debianPackage
				+ ", as .ci/run does)";
	}

	/**
	 * Why a test of the real registry cannot run here, the policy of every such test: in
	 * CI ({@code CI=true}, where {@code .ci/run} installs the tools) a missing tool fails
	 * the test; on a developer's machine it is a reason to skip it, as the kubectl
	 * referee's tests do.
	 * @param tools the tools the test needs
	 * @return the reason to skip, or empty if every tool is there
	 * @throws IllegalStateException in CI, if a tool is missing
	 */
	public static Optional<String> unavailable(RegistryTool... tools) {
		return unavailable(List.of(tools), "true".equals(System.getenv("CI")), System.getenv("PATH"));
	}

	/**
	 * Why a test that needs every tool cannot run here; see
	 * {@link #unavailable(RegistryTool...)}.
	 * @return the reason to skip, or empty if every tool is there
	 * @throws IllegalStateException in CI, if a tool is missing
	 */
	public static Optional<String> unavailable() {
		return unavailable(values());
	}

	static Optional<String> unavailable(List<RegistryTool> tools, boolean ci, String pathVariable) {
		List<String> missing = tools.stream()
			.filter((tool) -> tool.find(pathVariable).isEmpty())
			.map(RegistryTool::missing)
			.toList();
		if (missing.isEmpty()) {
			return Optional.empty();
		}
		String reason = String.join("; ", missing);
		if (ci) {
			throw new IllegalStateException("CI=true and " + reason);
		}
		return Optional.of(reason);
	}

	@Override
	public String toString() {
		return this.program;
	}

}
