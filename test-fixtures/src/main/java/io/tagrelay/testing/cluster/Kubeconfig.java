package io.tagrelay.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig of one cluster, context and user, all of one name, the user with a token
 * of that name: what kubectl and the worker need to find a simulated cluster.
 */
final class Kubeconfig {

	private Kubeconfig() {
	}

	static Path write(Path file, String url, String name, String namespace, String comment) {
		String kubeconfig = """
				apiVersion: v1
				kind: Config
				clusters:
				- name: %1$s
				  cluster:
				    server: %2$s
				contexts:
				- name: %1$s
				  context:
				    cluster: %1$s
				    namespace: %3$s
				    user: %1$s
				current-context: %1$s
				users:
				- name: %1$s
				  user:
				    token: %1$s
				""".formatted(name, url, namespace);
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			return Files.writeString(file, (comment != null) ? "# " + comment + "\n" + kubeconfig : kubeconfig);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
