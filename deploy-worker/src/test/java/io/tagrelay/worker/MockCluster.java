package io.tagrelay.worker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
 * told to hold back. Faults can be injected in front of it: error answers, and answers
 * that come only after the client has given up, for given requests; and every request is
 * counted by method.
 */
public final class MockCluster implements AutoCloseable {

	private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> faultsServed = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
			new HashMap<>(), new TestOpDispatcher(this), false);

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
	 * Another client of this server, with other settings.
	 * @param settings changes the settings of {@link #client()}
	 * @return a new client, to be closed by the caller
	 */
	public KubernetesClient client(UnaryOperator<Config> settings) {
		return new KubernetesClientBuilder().withConfig(settings.apply(this.client.getConfiguration())).build();
	}

	/**
	 * Answers the next requests with an error status instead of handling them.
	 * @param method the HTTP method
	 * @param path the path, without the query
	 * @param status the status
	 * @param times how many requests
	 */
	public void fail(String method, String path, int status, int times) {
		for (int i = 0; i < times; i++) {
			queue(method, path).add(new Fault(status, null));
		}
	}

	/**
	 * Handles the next requests, but answers them only after a delay (past the client's
	 * request timeout, the client gives up on a request the server did carry out).
	 * @param method the HTTP method
	 * @param path the path, without the query
	 * @param delay how late the answer comes
	 * @param times how many requests
	 */
	public void answerLate(String method, String path, Duration delay, int times) {
		for (int i = 0; i < times; i++) {
			queue(method, path).add(new Fault(0, delay));
		}
	}

	/**
	 * How many faulty answers were given to requests.
	 * @param method the HTTP method
	 * @param path the path, without the query
	 * @return the count
	 */
	public int faultsServed(String method, String path) {
		return this.faultsServed.computeIfAbsent(method + " " + path, (k) -> new AtomicInteger()).get();
	}

	/**
	 * How many requests with a method this server received for a Deployment.
	 * @param method the HTTP method
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @return the count
	 */
	public int requests(String method, String namespace, String name) {
		return this.requests.computeIfAbsent(method + " " + deploymentPath(namespace, name), (k) -> new AtomicInteger())
			.get();
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

	private Queue<Fault> queue(String method, String path) {
		return this.faults.computeIfAbsent(method + " " + path, (k) -> new ConcurrentLinkedQueue<>());
	}

	private Fault nextFault(RecordedRequest request) {
		String key = request.getMethod() + " " + pathOf(request);
		this.requests.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		Queue<Fault> queue = this.faults.get(key);
		Fault fault = (queue != null) ? queue.poll() : null;
		if (fault != null) {
			this.faultsServed.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		}
		return fault;
	}

	private static String pathOf(RecordedRequest request) {
		String path = request.getPath();
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
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
	 * An injected fault: an error status, or a late answer.
	 *
	 * @param status the status to answer, 0 to handle the request
	 * @param delay how late to answer, or {@code null}
	 */
	record Fault(int status, Duration delay) {

		MockResponse response() {
			return new MockResponse().setResponseCode(this.status)
				.setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + this.status
						+ ",\"message\":\"injected fault\"}");
		}

	}

	/**
	 * The CRUD dispatcher, answering a JSON Patch whose {@code test} op fails with 422 as
	 * the real API server does (the mock leaves the request unanswered), behind the
	 * injected faults.
	 */
	static class TestOpDispatcher extends KubernetesCrudDispatcher {

		private final MockCluster cluster;

		TestOpDispatcher(MockCluster cluster) {
			this.cluster = cluster;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			Fault fault = this.cluster.nextFault(request);
			if (fault == null) {
				return super.dispatch(request);
			}
			if (fault.delay() != null) {
				return super.dispatch(request).setBodyDelay(fault.delay());
			}
			return fault.response();
		}

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
