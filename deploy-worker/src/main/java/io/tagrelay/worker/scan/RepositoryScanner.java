package io.tagrelay.worker.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.worker.deploy.ContainerLocator;
import io.tagrelay.worker.deploy.DeploymentReader;
import io.tagrelay.worker.registry.RegistryClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Lists the tags of every repository a target scans, once per {@code scan-interval}, on
 * the replica that owns the repository's events partition ({@link PartitionOwner}), and
 * publishes them as a push from source {@code scan} on the events topic, keyed by the
 * repository like the webhooks' pushes: ordering, collapsing, verification, outcomes and
 * webhooks stay the pushes' own. A tag pushed while every webhook was lost is applied
 * within one interval. A replica that gains a repository's partition scans it at once; a
 * failed scan (registry out of reach after the client's backoff, which honours
 * {@code Retry-After}) is counted and tried again at the next interval.
 * <p>
 * Counted as {@code tagrelay.scan.scans{result=published|nothing|failed}}.
 */
class RepositoryScanner implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RepositoryScanner.class);

	private static final long PUBLISH_TIMEOUT_SECONDS = 15;

	private final List<ScannedRepository> repositories;

	private final RegistryClient registry;

	private final PartitionOwner owner;

	private final KafkaTemplate<String, byte[]> kafka;

	private final EventCodec codec;

	private final String topic;

	private final DeploymentReader deployments;

	private final ScanProperties properties;

	private final Clock clock;

	private final MeterRegistry metrics;

	private final Map<String, Instant> scanned = new ConcurrentHashMap<>();

	private final Set<String> scanning = ConcurrentHashMap.newKeySet();

	private ScheduledExecutorService ticks;

	private ExecutorService scans;

	RepositoryScanner(List<ScannedRepository> repositories, RegistryClient registry, PartitionOwner owner,
			Scanning scanning, ScanProperties properties) {
		this.repositories = repositories;
		this.registry = registry;
		this.owner = owner;
		this.kafka = scanning.kafka();
		this.codec = scanning.codec();
		this.topic = scanning.topic();
		this.deployments = scanning.deployments();
		this.clock = scanning.clock();
		this.metrics = scanning.metrics();
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		if (this.repositories.isEmpty() || this.ticks != null) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("scan-");
		threads.setDaemon(true);
		this.ticks = Executors.newSingleThreadScheduledExecutor(threads);
		this.scans = Executors.newFixedThreadPool(this.properties.concurrency(), threads);
		long tick = this.properties.tick().toMillis();
		this.ticks.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
		logger.info("Scanning " + this.repositories.size() + " repositories on the replica that owns each one's "
				+ "events partition");
	}

	@Override
	public synchronized void stop() {
		if (this.ticks != null) {
			this.ticks.shutdownNow();
			this.scans.shutdownNow();
			this.ticks = null;
			this.scans = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.ticks != null;
	}

	// starts each scan that is due, on this replica
	void tick() {
		try {
			Instant now = this.clock.instant();
			Predicate<String> owned = this.owner.now();
			for (ScannedRepository repository : this.repositories) {
				String name = repository.repository();
				if (!owned.test(name)) {
					// if it comes back, it is scanned at once: another replica had it
					this.scanned.remove(name);
					continue;
				}
				Instant last = this.scanned.get(name);
				if ((last == null || !now.isBefore(last.plus(repository.interval()))) && this.scanning.add(name)) {
					this.scanned.put(name, now);
					this.scans.execute(() -> scanOnce(repository));
				}
			}
		}
		catch (RuntimeException ex) {
			// a tick that fails is tried again at the next one
			logger.warn("Scan tick failed: " + ex.getMessage());
		}
	}

	private void scanOnce(ScannedRepository repository) {
		try {
			String result = scan(repository);
			this.metrics.counter("tagrelay.scan.scans", "result", result).increment();
		}
		catch (RuntimeException ex) {
			this.metrics.counter("tagrelay.scan.scans", "result", "failed").increment();
			logger.warn("Scan of " + repository.repository() + " failed, tried again in " + repository.interval() + ": "
					+ ex.getMessage());
		}
		finally {
			this.scanning.remove(repository.repository());
		}
	}

	/**
	 * Scans a repository: lists its tags and publishes them as a push.
	 * @param repository the repository
	 * @return {@code published}, or {@code nothing} when no tag could be acted on
	 */
	String scan(ScannedRepository repository) {
		ImageReference name = ImageReference.parseRepository(repository.repository());
		List<String> tags = this.registry.tags(name);
		Optional<RegistryPush> push = ScanPushes.of(repository, tags, trackedTags(repository), this.clock.instant());
		if (push.isEmpty()) {
			logger.debug("Scan of " + repository.repository() + ": " + tags.size() + " tags, none to act on");
			return "nothing";
		}
		try {
			this.kafka.send(this.topic, repository.repository(), this.codec.write(push.get()))
				.get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while publishing the scan of " + repository.repository(), ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not publish the scan to " + this.topic + ": " + ex.getMessage(), ex);
		}
		logger.debug("Scan of " + repository.repository() + ": " + push.get().tags().size() + " tags published as "
				+ push.get().eventId());
		return "published";
	}

	// the tags that targets tracking digests run: a scan offers them again, so that a
	// moved tag is caught up on even when the webhook of its push was lost
	private List<String> trackedTags(ScannedRepository repository) {
		List<String> tags = new ArrayList<>();
		for (Target target : repository.targets()) {
			if (!target.trackDigest()) {
				continue;
			}
			try {
				this.deployments.read(target.namespace(), target.deployment())
					.map((deployment) -> ContainerLocator.managed(deployment, target))
					.orElse(List.of())
					.forEach((container) -> Optional.ofNullable(ImageReference.parse(container.image()).tag())
						.ifPresent(tags::add));
			}
			catch (RuntimeException ex) {
				logger.warn("Scan of " + repository.repository() + ": could not read " + target.namespace() + "/"
						+ target.deployment() + " for its tracked tag: " + ex.getMessage());
			}
		}
		return tags;
	}

	/**
	 * What a scan publishes with and reads from.
	 *
	 * @param kafka the producer
	 * @param codec the events' JSON form
	 * @param topic the events topic
	 * @param deployments the Deployments as the worker's watch has them (else the API
	 * server), for the tags that tracking targets run
	 * @param clock the clock
	 * @param metrics the metrics
	 */
	record Scanning(KafkaTemplate<String, byte[]> kafka, EventCodec codec, String topic, DeploymentReader deployments,
			Clock clock, MeterRegistry metrics) {
	}

}
