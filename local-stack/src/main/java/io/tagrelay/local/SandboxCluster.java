package io.tagrelay.local;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A sandbox Kubernetes API: fabric8's CRUD mock server seeded with namespace {@code demo}
 * and Deployment {@code web}, with a simulated rollout controller. It is not a cluster:
 * no pods run, and only the Deployment status moves.
 */
final class SandboxCluster implements AutoCloseable {

	static final String NAMESPACE = "demo";

	static final String DEPLOYMENT = "web";

	static final String INITIAL_IMAGE = "quay.io/tagrelay/web:1.0.0";

	private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
			new HashMap<>(), new KubernetesCrudDispatcher(), false);

	private final RolloutSimulator controller;

	private final KubernetesClient client;

	SandboxCluster(int port, Duration rolloutTime) {
		this.server.init(InetAddress.getLoopbackAddress(), port);
		this.client = this.server.createClient();
		seed();
		this.controller = new RolloutSimulator(this.client, rolloutTime);
		this.controller.start();
	}

	private void seed() {
		this.client.namespaces()
			.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
			.create();
		Deployment web = new DeploymentBuilder().withNewMetadata()
			.withName(DEPLOYMENT)
			.withNamespace(NAMESPACE)
			.addToLabels("app", DEPLOYMENT)
			.endMetadata()
			.withNewSpec()
			.withReplicas(2)
			.withNewSelector()
			.addToMatchLabels("app", DEPLOYMENT)
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("app", DEPLOYMENT)
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName(DEPLOYMENT)
			.withImage(INITIAL_IMAGE)
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
		this.client.apps().deployments().inNamespace(NAMESPACE).resource(web).create();
	}

	/**
	 * The API server's URL.
	 * @return e.g. {@code http://localhost:41234/}
	 */
	String url() {
		return this.client.getConfiguration().getMasterUrl();
	}

	/**
	 * A client of the sandbox, for reading what tagrelay did.
	 * @return the client
	 */
	KubernetesClient client() {
		return this.client;
	}

	/**
	 * The image the sandbox Deployment runs now.
	 * @return the image of container {@code web}
	 */
	String currentImage() {
		return currentImage(this.client);
	}

	/**
	 * The image the sandbox Deployment runs now, as a client of the sandbox sees it.
	 * @param client a client of the sandbox API, e.g. built from the written kubeconfig
	 * @return the image of container {@code web}
	 */
	static String currentImage(KubernetesClient client) {
		return client.apps()
			.deployments()
			.inNamespace(NAMESPACE)
			.withName(DEPLOYMENT)
			.get()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0)
			.getImage();
	}

	/**
	 * Writes a kubeconfig that points at the sandbox, for kubectl and for the worker.
	 * @param file where to write it
	 * @return the file
	 * @throws IOException if it cannot be written
	 */
	Path writeKubeconfig(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		String kubeconfig = """
				# tagrelay local stack: a SANDBOX API (fabric8 mock server), not a real cluster
				apiVersion: v1
				kind: Config
				clusters:
				- name: tagrelay-sandbox
				  cluster:
				    server: %s
				contexts:
				- name: tagrelay-sandbox
				  context:
				    cluster: tagrelay-sandbox
				    namespace: %s
				    user: tagrelay-sandbox
				current-context: tagrelay-sandbox
				users:
				- name: tagrelay-sandbox
				  user:
				    token: sandbox
				""".formatted(url(), NAMESPACE);
		Files.writeString(file, kubeconfig);
		return file;
	}

	@Override
	public void close() {
		this.controller.close();
		this.client.close();
		this.server.destroy();
	}

}
