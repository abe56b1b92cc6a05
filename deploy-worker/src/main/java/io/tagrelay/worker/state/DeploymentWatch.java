package io.tagrelay.worker.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import io.tagrelay.worker.config.ClusterProperties;
import io.tagrelay.worker.config.ClusterProperties.WatchScope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Watches every Deployment a target manages and publishes the state of its targets on
 * every change, so that the ingest's {@code GET /deployment} follows the cluster, a
 * {@code kubectl set image} by a person included, within the watch's latency. By default
 * each Deployment is watched by name (a list and a watch with a {@code metadata.name}
 * field selector: what a Role that names the Deployments grants);
 * {@code tagrelay.cluster.watch-scope=namespace} watches each namespace that holds
 * managed Deployments once instead, and ignores the others there: one connection instead
 * of one per Deployment, for a Role that grants {@code list} and {@code watch} of the
 * namespace. A namespace whose list is refused (403) is watched by name after all, with a
 * warning that names the key.
 * <p>
 * Its cache answers the worker's reads of a Deployment ({@link #cached}) once the first
 * list is in: an update then reads nothing before its patch (a stale read costs a refused
 * patch and one fresh read). A watch that fails otherwise, at start-up or later, is
 * started again with the client's backoff, for as long as the worker runs.
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

	private final WatchScope scope;

	/** namespace -> "namespace/name" of each managed Deployment there -> its targets */
	private final Map<String, Map<String, List<Target>>> managed = new LinkedHashMap<>();

	/** "namespace/name" of each managed Deployment -> the informer that caches it */
	private final Map<String, SharedIndexInformer<Deployment>> informers = new ConcurrentHashMap<>();

	private final List<SharedIndexInformer<Deployment>> started = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private volatile boolean stopped;

	DeploymentWatch(KubernetesClient client, StateReporter reporter, Targets targets, ClusterProperties cluster) {
		this.client = client;
		this.reporter = reporter;
		this.scope = cluster.watchScope();
		targets.all()
			.forEach((target) -> this.managed.computeIfAbsent(target.namespace(), (namespace) -> new LinkedHashMap<>())
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
		this.managed.forEach((namespace, deployments) -> {
			if (this.scope == WatchScope.NAMESPACE) {
				watchNamespace(namespace, deployments);
			}
			else {
				deployments.forEach(this::watchByName);
			}
		});
		this.running = true;
		logger.info("Watching " + this.informers.size() + " managed Deployment(s) in " + this.managed.size()
				+ " namespace(s) with " + this.started.size() + " watch(es)");
	}

	private void watchNamespace(String namespace, Map<String, List<Target>> deployments) {
		SharedIndexInformer<Deployment> informer = this.client.apps()
			.deployments()
			.inNamespace(namespace)
			.runnableInformer(RESYNC.toMillis());
		Failures failures = new Failures("the Deployments of namespace " + namespace);
		informer.exceptionHandler((started, failure) -> {
			if (!started && isForbidden(failure)) {
				return false;
			}
			failures.log(failure);
			return true;
		});
		start(informer, deployments).exceptionally((failure) -> {
			informer.stop();
			this.started.remove(informer);
			if (this.stopped) {
				return null;
			}
			logger.warn("tagrelay.cluster.watch-scope=namespace, but the worker may not list the Deployments of"
					+ " namespace " + namespace + ": watching its " + deployments.size()
					+ " managed Deployment(s) by name instead");
			deployments.forEach(this::watchByName);
			return null;
		});
	}

	private void watchByName(String key, List<Target> targets) {
		SharedIndexInformer<Deployment> informer = this.client.apps()
			.deployments()
			.inNamespace(targets.get(0).namespace())
			.withName(targets.get(0).deployment())
			.runnableInformer(RESYNC.toMillis());
		Failures failures = new Failures("Deployment " + key);
		informer.exceptionHandler((started, failure) -> {
			failures.log(failure);
			return true;
		});
		start(informer, Map.of(key, targets));
	}

	/**
	 * Starts an informer that caches some managed Deployments and reports their changes;
	 * once its first list is in, the managed Deployments it did not find are reported
	 * missing.
	 */
	private CompletionStage<Void> start(SharedIndexInformer<Deployment> informer,
			Map<String, List<Target>> deployments) {
		informer.addEventHandler(new Reporting(deployments));
		deployments.keySet().forEach((key) -> this.informers.put(key, informer));
		this.started.add(informer);
		return informer.start().thenRun(() -> deployments.forEach((key, targets) -> {
			if (informer.getStore().getByKey(key) == null) {
				report(targets, null);
			}
		}));
	}

	@Override
	public void stop() {
		this.stopped = true;
		this.started.forEach(SharedIndexInformer::stop);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static boolean isForbidden(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof KubernetesClientException refused && refused.getCode() == 403) {
				return true;
			}
		}
		return false;
	}

	private static String key(String namespace, String name) {
		return namespace + "/" + name;
	}

	private void report(List<Target> targets, Deployment deployment) {
		for (Target target : targets) {
			try {
				this.reporter.report(target, deployment);
			}
			catch (RuntimeException ex) {
				// Kafka unavailable: the next change, or the next update, publishes it
				logger.warn("Could not publish the state of " + target.namespace() + "/" + target.deployment() + ": "
						+ ex.getMessage());
			}
		}
	}

	/**
	 * The failures of one watch, each started again with the client's backoff: at most
	 * one every {@link #QUIET} is logged at WARN, the others at DEBUG, so that watches
	 * the Role refuses (hundreds of them, each retried every few seconds) do not flood
	 * the log. A refusal says what the Role must grant.
	 */
	private static final class Failures {

		private static final Duration QUIET = Duration.ofMinutes(5);

		private final String watched;

		private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - QUIET.toNanos());

		Failures(String watched) {
			this.watched = watched;
		}

		void log(Throwable failure) {
			String message = "Watch of " + this.watched + " failed, starting it again: " + failure.getMessage()
					+ (isForbidden(failure) ? " (the worker's Role must grant get, list and watch of it)" : "");
			long now = System.nanoTime();
			long last = this.lastWarned.get();
			if (now - last >= QUIET.toNanos() && this.lastWarned.compareAndSet(last, now)) {
				logger
					.warn(message + "; further failures within " + QUIET.toMinutes() + " minutes are logged at DEBUG");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(message);
			}
		}

	}

	/**
	 * Publishes the state of the targets of the managed Deployments a watch sees on every
	 * change of one; the other Deployments of a namespace it watches are ignored.
	 */
	private final class Reporting implements ResourceEventHandler<Deployment> {

		private final Map<String, List<Target>> deployments;

		Reporting(Map<String, List<Target>> deployments) {
			this.deployments = deployments;
		}

		@Override
		public void onAdd(Deployment deployment) {
			report(deployment, deployment);
		}

		@Override
		public void onUpdate(Deployment before, Deployment deployment) {
			report(deployment, deployment);
		}

		@Override
		public void onDelete(Deployment deployment, boolean finalStateUnknown) {
			report(deployment, null);
		}

		private void report(Deployment seen, Deployment deployment) {
			List<Target> targets = this.deployments
				.get(key(seen.getMetadata().getNamespace(), seen.getMetadata().getName()));
			if (targets != null) {
				DeploymentWatch.this.report(targets, deployment);
			}
		}

	}

}
