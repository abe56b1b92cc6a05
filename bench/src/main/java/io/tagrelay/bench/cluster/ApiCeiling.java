package io.tagrelay.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The ceiling of the worker's throughput figure: the API calls the worker makes for one
 * update (five GETs of the Deployment and one JSON Patch, which leaves the image as it
 * is), made by a fabric8 client from this JVM against the same mock API server, with as
 * many threads as the worker has consumers, for every target. Targets per second here is
 * what the mock server allows, whatever the worker does.
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
	 * @return targets per second
	 * @throws Exception if a call fails
	 */
	public static double targetsPerSecond(Path kubeconfig, String namespace, List<String> deployments,
			Function<String, String> image, int threads) throws Exception {
		Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
			// a pass over a few targets first, so that the measured one runs compiled
			// code
			run(client, pool, namespace, deployments.subList(0, Math.min(100, deployments.size())), image);
			long start = System.nanoTime();
			run(client, pool, namespace, deployments, image);
			return deployments.size() / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void run(KubernetesClient client, ExecutorService pool, String namespace, List<String> deployments,
			Function<String, String> image) throws Exception {
		List<Future<?>> calls = new ArrayList<>();
		for (String deployment : deployments) {
			calls.add(pool.submit(() -> update(client, namespace, deployment, image.apply(deployment))));
		}
		for (Future<?> call : calls) {
			call.get();
		}
	}

	private static void update(KubernetesClient client, String namespace, String name, String image) {
		RollableScalableResource<Deployment> deployment = client.apps()
			.deployments()
			.inNamespace(namespace)
			.withName(name);
		deployment.get();
		deployment.get();
		String path = "/spec/template/spec/containers/0/image";
		deployment.patch(PatchContext.of(PatchType.JSON),
				"[{\"op\":\"test\",\"path\":\"%s\",\"value\":\"%s\"},{\"op\":\"replace\",\"path\":\"%s\",\"value\":\"%s\"}]"
					.formatted(path, image, path, image));
		deployment.get();
		deployment.get();
		deployment.get();
	}

}
