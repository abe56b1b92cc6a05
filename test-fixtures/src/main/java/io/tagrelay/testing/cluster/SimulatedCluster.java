package io.tagrelay.testing.cluster;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A simulated Kubernetes cluster: fabric8's CRUD mock API server on a loopback port, with
 * a {@link DeploymentController} (unless started without one), faults that tests inject
 * in front of it, the {@link ImageHistory} of every Deployment, listeners of applied
 * image patches, and the count of the {@link ApiRequests} it received. It is not a
 * cluster: no pods run; the controller keeps ReplicaSets and simulated pods and writes
 * the Deployment status as the real one would.
 */
public final class SimulatedCluster implements AutoCloseable {

	/** Held so that the level sticks: the mock server logs every request. */
	private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

	/**
	 * The generation a Deployment's status claims to have observed when every rollout
	 * there will ever be is complete ({@link #rolledOutForever}).
	 */
	private static final long EVERY_GENERATION = Long.MAX_VALUE / 2;

	private final ClusterDispatcher dispatcher = new ClusterDispatcher();

	private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
			new HashMap<>(), this.dispatcher, false);

	private final KubernetesClient client;

	private final DeploymentController controller;

	private SimulatedCluster(int port, Duration rolloutTime) {
		MOCK_SERVER_LOG.setLevel(Level.WARNING);
		this.server.init(InetAddress.getLoopbackAddress(), port);
		this.client = this.server.createClient();
		this.controller = (rolloutTime != null) ? new DeploymentController(this.client, rolloutTime) : null;
		if (this.controller != null) {
			this.controller.start();
		}
	}

	/**
	 * Starts a cluster on a free port whose pods are ready at once: the controller
	 * completes a rollout in a few passes (milliseconds).
	 * @return the cluster
	 */
	public static SimulatedCluster start() {
		return start(0, Duration.ZERO);
	}

	/**
	 * Starts a cluster whose pods take a while to become ready.
	 * @param port the port, 0 for any free one
	 * @param rolloutTime how long a pod takes to become ready ({@link PodFate#ready()}),
	 * {@link Duration#ZERO} for no time: a rolling update takes one such time per step
	 * (e.g. two for two replicas and the default 25% surge)
	 * @return the cluster
	 */
	public static SimulatedCluster start(int port, Duration rolloutTime) {
		return new SimulatedCluster(port, rolloutTime);
	}

	/**
	 * Starts a cluster without a controller, on a free port: no request but the tests'
	 * own; a Deployment's rollouts complete only as {@link #rolledOutForever} says.
	 * @return the cluster
	 */
	public static SimulatedCluster withoutController() {
		return new SimulatedCluster(0, null);
	}

	/**
	 * The API server's URL.
	 * @return e.g. {@code http://127.0.0.1:41234/}
	 */
	public String url() {
		return this.client.getConfiguration().getMasterUrl();
	}

	/**
	 * A client of this cluster.
	 * @return the client, closed with the cluster
	 */
	public KubernetesClient client() {
		return this.client;
	}

	/**
	 * Another client of this cluster, with other settings.
	 * @param settings changes the settings of {@link #client()}
	 * @return a new client, to be closed by the caller
	 */
	public KubernetesClient client(UnaryOperator<Config> settings) {
		return new KubernetesClientBuilder().withConfig(settings.apply(this.client.getConfiguration())).build();
	}

	/**
	 * The controller of the Deployments, to hold rollouts or set their fate.
	 * @return the controller
	 * @throws IllegalStateException if the cluster runs without one
	 */
	public DeploymentController controller() {
		if (this.controller == null) {
			throw new IllegalStateException("this cluster runs without a Deployment controller");
		}
		return this.controller;
	}

	/**
	 * Every image each Deployment had, in the order the API server stored them.
	 * @return the history
	 */
	public ImageHistory history() {
		return this.dispatcher.history();
	}

	/**
	 * The requests this cluster's API server received, its own client's (the tests' and
	 * the controller's) too: reset them before the part to measure.
	 * @return the counts, live
	 */
	public ApiRequests requests() {
		return this.dispatcher.requests();
	}

	/**
	 * Tells a listener of every image patch the API server applies from now on.
	 * @param listener the listener, called on the server's thread
	 */
	public void addPatchListener(ImagePatchListener listener) {
		this.dispatcher.addPatchListener(listener);
	}

	/**
	 * Creates a namespace unless it exists.
	 * @param namespace the namespace
	 */
	public void createNamespace(String namespace) {
		if (this.client.namespaces().withName(namespace).get() == null) {
			this.client.namespaces()
				.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
				.create();
		}
	}

	/**
	 * Creates a Deployment of two replicas with one container named as the Deployment.
	 * @param namespace the namespace, created if new
	 * @param name the Deployment and its container
	 * @param image the container's image
	 * @return the Deployment as created
	 */
	public Deployment createDeployment(String namespace, String name, String image) {
		return createDeployment(namespace, name, 2, container(name, image));
	}

	/**
	 * Creates a Deployment whose selector and pod template carry label
	 * {@code app=<name>}.
	 * @param namespace the namespace, created if new
	 * @param name the Deployment
	 * @param replicas the desired replicas
	 * @param containers its containers
	 * @return the Deployment as created
	 */
	public Deployment createDeployment(String namespace, String name, int replicas, Container... containers) {
		createNamespace(namespace);
		Deployment deployment = new DeploymentBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(namespace)
			.addToLabels("app", name)
			.endMetadata()
			.withNewSpec()
			.withReplicas(replicas)
			.withNewSelector()
			.addToMatchLabels("app", name)
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("app", name)
			.endMetadata()
			.withNewSpec()
			.withContainers(containers)
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
		return this.client.apps().deployments().inNamespace(namespace).resource(deployment).create();
	}

	/**
	 * A container.
	 * @param name its name
	 * @param image its image
	 * @return the container
	 */
	public static Container container(String name, String image) {
		return new ContainerBuilder().withName(name).withImage(image).build();
	}

	/**
	 * Reports every rollout a Deployment will ever have as complete, at no cost to the
	 * API server: its status claims to have observed every generation, with every replica
	 * updated and available. For a cluster without a controller.
	 * @param namespace the namespace
	 * @param name the Deployment
	 */
	public void rolledOutForever(String namespace, String name) {
		Deployment deployment = this.client.apps().deployments().inNamespace(namespace).withName(name).get();
		deployment.setStatus(DeploymentController.completed(EVERY_GENERATION, deployment.getSpec().getReplicas()));
		this.client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
	}

	/**
	 * The image a container of a Deployment runs now.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param container the container
	 * @return its image
	 */
	public String image(String namespace, String name, String container) {
		return image(this.client, namespace, name, container);
	}

	/**
	 * The image of a container of a Deployment, as a client sees it.
	 * @param client a client, e.g. built from a written kubeconfig
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param container the container
	 * @return its image
	 */
	public static String image(KubernetesClient client, String namespace, String name, String container) {
		return containers(client, namespace, name).stream()
			.filter((c) -> c.getName().equals(container))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no container " + container + " in " + name))
			.getImage();
	}

	private static List<Container> containers(KubernetesClient client, String namespace, String name) {
		return client.apps()
			.deployments()
			.inNamespace(namespace)
			.withName(name)
			.get()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers();
	}

	/**
	 * Sets a Deployment's desired replicas, as an HPA or {@code kubectl scale} would (a
	 * new generation, which the controller takes as a scaling event).
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param replicas the desired replicas
	 */
	public void scale(String namespace, String name, int replicas) {
		mergePatch(namespace, name, "{\"spec\":{\"replicas\":" + replicas + "}}");
	}

	/**
	 * Pauses a Deployment, as {@code kubectl rollout pause} does: the controller rolls
	 * out no new template until it is resumed.
	 * @param namespace the namespace
	 * @param name the Deployment
	 */
	public void pause(String namespace, String name) {
		mergePatch(namespace, name, "{\"spec\":{\"paused\":true}}");
	}

	/**
	 * Resumes a paused Deployment, as {@code kubectl rollout resume} does.
	 * @param namespace the namespace
	 * @param name the Deployment
	 */
	public void resume(String namespace, String name) {
		mergePatch(namespace, name, "{\"spec\":{\"paused\":null}}");
	}

	/**
	 * Sets the image of a container of a Deployment, as {@code kubectl set image} does
	 * (setting an earlier image back rolls back to its ReplicaSet).
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @param container the container
	 * @param image the image
	 */
	public void setImage(String namespace, String name, String container, String image) {
		List<Container> containers = containers(this.client, namespace, name);
		int index = containers.stream().map(Container::getName).toList().indexOf(container);
		if (index < 0) {
			throw new IllegalArgumentException("no container " + container + " in " + name);
		}
		// a JSON patch without the resourceVersion, which the controller's status writes
		// change
		this.client.apps()
			.deployments()
			.inNamespace(namespace)
			.withName(name)
			.patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/"
					+ index + "/image\",\"value\":\"" + image + "\"}]");
	}

	private void mergePatch(String namespace, String name, String patch) {
		this.client.apps()
			.deployments()
			.inNamespace(namespace)
			.withName(name)
			.patch(PatchContext.of(PatchType.JSON_MERGE), patch);
	}

	/**
	 * The faults to inject, and the counts of requests the server received.
	 * @return the faults
	 */
	public Faults faults() {
		return this.dispatcher.faults();
	}

	/**
	 * What the API server's RBAC grants the ServiceAccounts that tests give a token of
	 * their own ({@link #client(String)}).
	 * @return the RBAC
	 */
	public Rbac rbac() {
		return this.dispatcher.rbac();
	}

	/**
	 * Another client of this cluster, which signs in with a ServiceAccount's token: what
	 * it may do with Deployments is what {@link #rbac()} grants that token.
	 * @param token the token
	 * @return a new client, to be closed by the caller
	 */
	public KubernetesClient client(String token) {
		return client((config) -> new ConfigBuilder(config).withOauthToken(token).build());
	}

	/**
	 * The WebSocket watches the API server has open, for tests of their fan-out.
	 * @return the watches
	 */
	WatchFanout webSocketWatches() {
		return this.dispatcher.webSocketWatches();
	}

	/**
	 * The API path of a Deployment.
	 * @param namespace the namespace
	 * @param name the name
	 * @return the path
	 */
	public static String deploymentPath(String namespace, String name) {
		return "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name;
	}

	/**
	 * Writes a kubeconfig that points at this cluster, for kubectl and for the worker.
	 * @param file where to write it (its directory is created if new)
	 * @param name the name of its cluster, context and user
	 * @param namespace the context's namespace
	 * @param comment a first line saying what it is, or {@code null}
	 * @return the file
	 */
	public Path writeKubeconfig(Path file, String name, String namespace, String comment) {
		return Kubeconfig.write(file, url(), name, namespace, comment);
	}

	@Override
	public void close() {
		if (this.controller != null) {
			this.controller.close();
		}
		this.client.close();
		this.server.destroy();
	}

}
