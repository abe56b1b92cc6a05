package io.tagrelay.worker.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Watches every Deployment a target manages, each by name (a list and a watch with a
 * {@code metadata.name} field selector: what the worker's Role grants, by resource name)
 * and publishes the state of its targets on every change, so that the ingest's
 * {@code GET /deployment} follows the cluster, a {@code kubectl set image} by a person
 * included, within the watch's latency. Its cache answers the worker's reads of a
 * Deployment ({@link #cached}) once the first list is in: an update then reads nothing
 * before its patch (a stale read costs a refused patch and one fresh read). A watch that
 * fails, at start-up or later, is started again with the client's backoff, for as long as
 * the worker runs.
 * <p>
 * The cached objects are shared: callers read them, never change them.
 */
@Component
public class DeploymentWatch implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DeploymentWatch.class);

	/**
	 * How often each cached Deployment is handed to the reporter again, from memory: a
	 * state that could not be published (Kafka down, topics not checked yet) is then, and
	 * one that was is not sent twice.
	 */
	static final Duration RESYNC = Duration.ofSeconds(30);

	private final KubernetesClient client;

	private final StateReporter reporter;

	private final Map<String, List<Target>> targetsByDeployment = new LinkedHashMap<>();

	private final Map<String, SharedIndexInformer<Deployment>> informers = new LinkedHashMap<>();

	private volatile boolean running;

	DeploymentWatch(KubernetesClient client, StateReporter reporter, Targets targets) {
		this.client = client;
		this.reporter = reporter;
		targets.all()
			.forEach((target) -> this.targetsByDeployment
				.computeIfAbsent(key(target.namespace(), target.deployment()), (key) -> new ArrayList<>())
				.add(target));
	}

	/**
	 * A managed Deployment as last seen by its watch.
	 * @param namespace the namespace
	 * @param name the Deployment
	 * @return the Deployment, or empty if the watch has not listed it yet, it does not
	 * exist, or no target manages it (the caller reads it from the API server)
	 */
	public Optional<Deployment> cached(String namespace, String name) {
		SharedIndexInformer<Deployment> informer = this.informers.get(key(namespace, name));
		if (informer == null || !informer.hasSynced()) {
			return Optional.empty();
		}
		return Optional.ofNullable(informer.getStore().getByKey(key(namespace, name)));
	}

	@Override
	public void start() {
		this.targetsByDeployment.forEach((key, targets) -> {
			Target first = targets.get(0);
			SharedIndexInformer<Deployment> informer = this.client.apps()
				.deployments()
				.inNamespace(first.namespace())
				.withName(first.deployment())
				.runnableInformer(RESYNC.toMillis());
			informer.exceptionHandler((started, failure) -> {
				logger.warn("Watch of Deployment " + key + " failed, starting it again: " + failure.getMessage());
				return true;
			});
			informer.addEventHandler(new Reporting(targets));
			this.informers.put(key, informer);
			informer.start().thenRun(() -> {
				if (informer.getStore().getByKey(key) == null) {
					new Reporting(targets).report(null);
				}
			});
		});
		this.running = true;
		logger.info("Watching " + this.informers.size() + " managed Deployment(s)");
	}

	@Override
	public void stop() {
		this.informers.values().forEach(SharedIndexInformer::stop);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static String key(String namespace, String name) {
		return namespace + "/" + name;
	}

	/**
	 * Publishes the state of a Deployment's targets on every change the watch sees.
	 */
	private final class Reporting implements ResourceEventHandler<Deployment> {

		private final List<Target> targets;

		Reporting(List<Target> targets) {
			this.targets = targets;
		}

		@Override
		public void onAdd(Deployment deployment) {
			report(deployment);
		}

		@Override
		public void onUpdate(Deployment before, Deployment deployment) {
			report(deployment);
		}

		@Override
		public void onDelete(Deployment deployment, boolean finalStateUnknown) {
			report(null);
		}

		private void report(Deployment deployment) {
			for (Target target : this.targets) {
				try {
					DeploymentWatch.this.reporter.report(target, deployment);
				}
				catch (RuntimeException ex) {
					// Kafka unavailable: the next change, or the next update, publishes
					// it
					logger.warn("Could not publish the state of " + target.namespace() + "/" + target.deployment()
							+ ": " + ex.getMessage());
				}
			}
		}

	}

}
