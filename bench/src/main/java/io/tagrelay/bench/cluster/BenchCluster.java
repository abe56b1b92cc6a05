package io.tagrelay.bench.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * The mock API server of the benchmarks: fabric8's CRUD mock server that records every
 * image patch, holding one Deployment per benchmark target in namespace {@code bench}.
 * Every Deployment's status says that the controller has observed every generation there
 * will ever be and that all replicas are updated and available: a rollout is complete as
 * soon as the spec is patched, which is what "rollouts complete at once" means.
 */
public final class BenchCluster implements AutoCloseable {

	/** The namespace of every benchmark Deployment. */
	public static final String NAMESPACE = "bench";

	/** The container every benchmark Deployment runs. */
	public static final String CONTAINER = "app";

	private static final long EVERY_GENERATION = Long.MAX_VALUE / 2;

	/**
	 * The mock server logs every request through java.util.logging; held so that the
	 * level sticks.
	 */
	private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

	private final PatchRecorder recorder = new PatchRecorder();

	private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
			new HashMap<>(), new RecordingDispatcher(this.recorder), false);

	private final KubernetesClient client;

	/**
	 * Starts the server on a free loopback port.
	 */
	public BenchCluster() {
		MOCK_SERVER_LOG.setLevel(Level.WARNING);
		this.server.init(InetAddress.getLoopbackAddress(), 0);
		this.client = this.server.createClient();
		this.client.namespaces()
			.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
			.create();
	}

	/**
	 * Creates Deployments, each running its image, already rolled out.
	 * @param images Deployment name to image
	 */
	public void create(List<Workload> images) {
		images.forEach(this::create);
	}

	private void create(Workload workload) {
		Deployment deployment = new DeploymentBuilder().withNewMetadata()
			.withName(workload.deployment())
			.withNamespace(NAMESPACE)
			.endMetadata()
			.withNewSpec()
			.withReplicas(1)
			.withNewSelector()
			.addToMatchLabels("app", workload.deployment())
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("app", workload.deployment())
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName(CONTAINER)
			.withImage(workload.image())
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
		Deployment created = this.client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
		created.setStatus(new DeploymentStatusBuilder().withObservedGeneration(EVERY_GENERATION)
			.withReplicas(1)
			.withUpdatedReplicas(1)
			.withReadyReplicas(1)
			.withAvailableReplicas(1)
			.build());
		this.client.apps().deployments().inNamespace(NAMESPACE).resource(created).updateStatus();
	}

	/**
	 * What the server saw.
	 * @return the recorder of image patches
	 */
	public PatchRecorder recorder() {
		return this.recorder;
	}

	/**
	 * Writes a kubeconfig for the worker.
	 * @param file where
	 * @return the file
	 * @throws IOException if it cannot be written
	 */
	public Path writeKubeconfig(Path file) throws IOException {
		Files.writeString(file, """
				apiVersion: v1
				kind: Config
				clusters:
				- name: bench
				  cluster:
				    server: %s
				contexts:
				- name: bench
				  context:
				    cluster: bench
				    namespace: %s
				    user: bench
				current-context: bench
				users:
				- name: bench
				  user:
				    token: bench
				""".formatted(this.client.getConfiguration().getMasterUrl(), NAMESPACE));
		return file;
	}

	@Override
	public void close() {
		this.client.close();
		this.server.destroy();
	}

	/**
	 * A Deployment of the benchmark.
	 *
	 * @param deployment its name
	 * @param image the image its one container runs at first
	 */
	public record Workload(String deployment, String image) {
	}

}
