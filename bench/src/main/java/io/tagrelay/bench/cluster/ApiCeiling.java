package io.tagrelay.bench.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The ceiling of the worker's throughput figure: the API calls the worker makes for one
 * update on its hot path (one JSON Patch that changes the image, so that the server's
 * watches, controller and store do what a real update makes them do, and as many GETs of
 * the Deployment as asked: the worker judges an instant rollout from the patch's answer
 * and reads the Deployment from its watch), made by a fabric8 client from this JVM
 * against the same mock API server, with as many threads as the worker has consumers, for
 * every target; each image is then set back, unmeasured. Targets per second here is what
 * the mock server allows, whatever the worker does. {@link #requests} reads what the
 * server counted.
 */
public final class ApiCeiling {

	private ApiCeiling() {
	}

	/**
	 * Measures.
	 * @param kubeconfig the mock server's kubeconfig
	 * @param namespace the namespace of the Deployments
	 * @param deployments the Deployments
	 * @param image the image of each, by Deployment
	 * @param threads concurrent clients
	 * @param reads GETs of the Deployment per update, besides its patch
	 * @return targets per second
	 * @throws Exception if a call fails
	 */
	public static double targetsPerSecond(Path kubeconfig, String namespace, List<String> deployments,
			Function<String, String> image, int threads, int reads) throws Exception {
		Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
			// a pass over a few targets first, so that the measured one runs compiled
			// code
			List<String> few = deployments.subList(0, Math.min(100, deployments.size()));
			Function<String, String> changed = (deployment) -> image.apply(deployment) + "-ceiling";
			run(client, pool, namespace, few, image, changed, reads);
			run(client, pool, namespace, few, changed, image, 0);
			long start = System.nanoTime();
			run(client, pool, namespace, deployments, image, changed, reads);
			double perSecond = deployments.size() / ((System.nanoTime() - start) / 1e9);
			run(client, pool, namespace, deployments, changed, image, 0);
			return perSecond;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * The requests the mock API server has counted since it started.
	 * @param kubeconfig the mock server's kubeconfig
	 * @return the counts
	 * @throws IOException if the kubeconfig cannot be read
	 */
	public static Requests requests(Path kubeconfig) throws IOException {
		Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
		try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
			return Requests.parse(client.raw(URI.create(config.getMasterUrl()).resolve("/metrics").toString()));
		}
	}

	private static void run(KubernetesClient client, ExecutorService pool, String namespace, List<String> deployments,
			Function<String, String> from, Function<String, String> to, int reads) throws Exception {
		List<Future<?>> calls = new ArrayList<>();
		for (String deployment : deployments) {
			calls.add(pool.submit(
					() -> update(client, namespace, deployment, from.apply(deployment), to.apply(deployment), reads)));
		}
		for (Future<?> call : calls) {
			call.get();
		}
	}

	// the patch names the Deployment, as the worker's does: fabric8 would read one it has
	// only the name of first
	private static void update(KubernetesClient client, String namespace, String name, String from, String to,
			int reads) {
		for (int i = 0; i < reads; i++) {
			client.apps().deployments().inNamespace(namespace).withName(name).get();
		}
		Deployment named = new DeploymentBuilder().withNewMetadata()
			.withNamespace(namespace)
			.withName(name)
			.endMetadata()
			.build();
		String path = "/spec/template/spec/containers/0/image";
		client.apps()
			.deployments()
			.inNamespace(namespace)
			.resource(named)
			.patch(PatchContext.of(PatchType.JSON),
					"[{\"op\":\"test\",\"path\":\"%s\",\"value\":\"%s\"},{\"op\":\"replace\",\"path\":\"%s\",\"value\":\"%s\"}]"
						.formatted(path, from, path, to));
	}

	/**
	 * Requests the mock API server counted ({@code apiserver_request_total}), watches
	 * apart.
	 *
	 * @param patches PATCHes of Deployments
	 * @param gets GETs of one Deployment
	 * @param lists LISTs of Deployments or ReplicaSets
	 * @param others every other request but a watch (discovery, version, ...)
	 */
	public record Requests(long patches, long gets, long lists, long others) {

		private static final Pattern COUNT = Pattern
			.compile("apiserver_request_total\\{verb=\"([A-Z]+)\",resource=\"([^\"]*)\"[^}]*\\} (\\d+)");

		static Requests parse(String metrics) {
			long[] counts = new long[4];
			Matcher count = COUNT.matcher(metrics);
			while (count.find()) {
				String verb = count.group(1);
				boolean workload = count.group(2).equals("deployments") || count.group(2).equals("replicasets");
				int slot = !workload ? 3 : switch (verb) {
					case "PATCH" -> 0;
					case "GET" -> 1;
					case "LIST" -> 2;
					default -> 3;
				};
				if (!verb.equals("WATCH")) {
					counts[slot] += Long.parseLong(count.group(3));
				}
			}
			return new Requests(counts[0], counts[1], counts[2], counts[3]);
		}

		/**
		 * The requests made since an earlier count.
		 * @param before the earlier count
		 * @return the difference
		 */
		public Requests since(Requests before) {
			return new Requests(this.patches - before.patches, this.gets - before.gets, this.lists - before.lists,
					this.others - before.others);
		}

	}

}
