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
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A sandbox Kubernetes API: fabric8's CRUD mock server seeded with namespace {@code demo}
 * and Deployment {@code web}, with a simulated rollout controller. It is not a cluster:
 * no pods run, and only the Deployment status moves. It remembers every image each
 * Deployment had ({@link #history()}), and its rollouts can be held
 * ({@link #holdRollouts()}).
 */
public final class SandboxCluster implements AutoCloseable {

	/** The namespace of the seeded Deployment. */
	public static final String NAMESPACE = "demo";

	/** The seeded Deployment, and its one container. */
	public static final String DEPLOYMENT = "web";

	/** The image the seeded Deployment starts with. */
	public static final String INITIAL_IMAGE = "quay.io/tagrelay/web:1.0.0";

	private final ImageHistory history = new ImageHistory();

	private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
			new HashMap<>(), this.history, false);

	private final RolloutSimulator controller;

	private final KubernetesClient client;

	/**
	 * Starts the sandbox API, seeded with {@code demo/web}.
	 * @param port the port, 0 for any free one
	 * @param rolloutTime how long a simulated rollout takes
	 */
	public SandboxCluster(int port, Duration rolloutTime) {
		this.server.init(InetAddress.getLoopbackAddress(), port);
		this.client = this.server.createClient();
		addDeployment(NAMESPACE, DEPLOYMENT, INITIAL_IMAGE);
		this.controller = new RolloutSimulator(this.client, rolloutTime);
		this.controller.start();
	}

	/**
	 * Adds a Deployment of two replicas with one container named as the Deployment (and
	 * its namespace, if new).
	 * @param namespace the namespace
	 * @param name the Deployment and its container
	 * @param image the container's image
	 */
	public void addDeployment(String namespace, String name, String image) {
		if (this.client.namespaces().withName(namespace).get() == null) {
			this.client.namespaces()
				.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
				.create();
		}
		Deployment deployment = new DeploymentBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(namespace)
			.addToLabels("app", name)
			.endMetadata()
			.withNewSpec()
			.withReplicas(2)
			.withNewSelector()
			.addToMatchLabels("app", name)
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("app", name)
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName(name)
			.withImage(image)
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
		this.client.apps().deployments().inNamespace(namespace).resource(deployment).create();
	}

	/**
	 * Every image each Deployment had, in the order the API server stored them.
	 * @return the history
	 */
	public ImageHistory history() {
		return this.history;
	}

	/**
	 * Holds every rollout: a changed Deployment is observed but never reported complete
	 * until {@link #releaseRollouts()}, as a slow rollout would be.
	 */
	public void holdRollouts() {
		this.controller.hold();
	}

	/**
	 * Lets held rollouts (and later ones) complete.
	 */
	public void releaseRollouts() {
		this.controller.release();
	}

	/**
	 * The API server's URL.
	 * @return e.g. {@code http://localhost:41234/}
	 */
	public String url() {
		return this.client.getConfiguration().getMasterUrl();
	}

	/**
	 * A client of the sandbox, for reading what tagrelay did.
	 * @return the client
	 */
	public KubernetesClient client() {
		return this.client;
	}

	/**
	 * The image the sandbox Deployment runs now.
	 * @return the image of container {@code web}
	 */
	public String currentImage() {
		return currentImage(this.client);
	}

	/**
	 * The image of a Deployment's first container now.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @return the image
	 */
	public String currentImage(String namespace, String name) {
		return this.client.apps()
			.deployments()
			.inNamespace(namespace)
			.withName(name)
			.get()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0)
			.getImage();
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
	public Path writeKubeconfig(Path file) throws IOException {
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
