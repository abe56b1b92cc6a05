package io.tagrelay.worker;

import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatchException;

/**
 * The fabric8 CRUD mock API server, plus what its missing controllers would do: a
 * background rollout simulator that completes the rollout of every Deployment it is not
 * told to hold back.
 */
public final class MockCluster implements AutoCloseable {

	private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
			new HashMap<>(), new TestOpDispatcher(), false);

	private final KubernetesClient client;

	private final Set<String> stuck = ConcurrentHashMap.newKeySet();

	private volatile boolean running = true;

	public MockCluster() {
		this.server.init();
		this.client = this.server.createClient();
		Thread simulator = new Thread(this::simulate, "rollout-simulator");
		simulator.setDaemon(true);
		simulator.start();
	}

	public KubernetesClient client() {
		return this.client;
	}

	/**
	 * Keeps the simulator from ever completing this Deployment's rollout.
	 * @param name the Deployment
	 */
	public void holdBack(String name) {
		this.stuck.add(name);
	}

	public Deployment create(String namespace, String name, Container... containers) {
		Deployment deployment = new DeploymentBuilder().withNewMetadata()
			.withNamespace(namespace)
			.withName(name)
			.endMetadata()
			.withNewSpec()
			.withReplicas(2)
			.withNewTemplate()
			.withNewSpec()
			.withContainers(containers)
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
		return this.client.apps().deployments().inNamespace(namespace).resource(deployment).create();
	}

	public static Container container(String name, String image) {
		return new ContainerBuilder().withName(name).withImage(image).build();
	}

	public String image(String namespace, String name, String container) {
		return this.client.apps()
			.deployments()
			.inNamespace(namespace)
			.withName(name)
			.get()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.stream()
			.filter((c) -> c.getName().equals(container))
			.findFirst()
			.orElseThrow()
			.getImage();
	}

	private void simulate() {
		while (this.running) {
			try {
				this.client.apps().deployments().inAnyNamespace().list().getItems().forEach(this::complete);
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// a concurrent change; the next round sees it
			}
		}
	}

	private void complete(Deployment deployment) {
		Long generation = deployment.getMetadata().getGeneration();
		boolean seen = deployment.getStatus() != null
				&& generation.equals(deployment.getStatus().getObservedGeneration());
		if (seen || this.stuck.contains(deployment.getMetadata().getName())) {
			return;
		}
		int replicas = deployment.getSpec().getReplicas();
		deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation)
			.withReplicas(replicas)
			.withUpdatedReplicas(replicas)
			.withAvailableReplicas(replicas)
			.withReadyReplicas(replicas)
			.build());
		this.client.apps().deployments().resource(deployment).updateStatus();
	}

	/**
	 * The CRUD dispatcher, answering a JSON Patch whose {@code test} op fails with 422 as
	 * the real API server does (the mock leaves the request unanswered).
	 */
	static class TestOpDispatcher extends KubernetesCrudDispatcher {

		@Override
		public MockResponse handlePatch(RecordedRequest request) {
			try {
				return super.handlePatch(request);
			}
			catch (JsonPatchException ex) {
				return new MockResponse().setResponseCode(422)
					.setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
							+ "\"reason\":\"Invalid\",\"code\":422,\"message\":\"the server rejected our request "
							+ "due to an error in our request: test failed\"}");
			}
		}

	}

	@Override
	public void close() {
		this.running = false;
		this.client.close();
		this.server.destroy();
	}

}
