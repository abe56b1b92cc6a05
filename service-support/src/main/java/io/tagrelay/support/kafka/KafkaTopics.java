package io.tagrelay.support.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The Kafka topics a service writes or reads ({@link DeclaredTopic} beans), checked once
 * before its listeners start and before anything is sent to them:
 * <ul>
 * <li>a topic that exists is used as it is, whatever its partition count: tagrelay never
 * adds partitions (that would move repositories to other partitions and break their
 * order), and warns when a topic has fewer partitions than the service has consumers of
 * it;</li>
 * <li>a missing topic is created with tagrelay's settings ({@code tagrelay.kafka.*})
 * unless {@code tagrelay.kafka.create-topics=false}; if it may not be created (switched
 * off, or refused by the broker), start-up stops with a {@link MissingTopicsException}
 * naming it.</li>
 * </ul>
 * A broker that cannot be reached at start-up does not stop start-up (unless
 * {@code spring.kafka.admin.fail-fast=true}); the check is then repeated every few
 * seconds until it succeeds, and until then nothing is sent to an unchecked topic
 * ({@link #isChecked}, enforced on every producer by {@link CheckedTopicsProducer}): a
 * producer's metadata request would let a broker that auto-creates topics create it with
 * the broker's defaults. {@code spring.kafka.admin.auto-create=false} skips the check at
 * start-up (and leaves it to the background).
 * <p>
 * Spring Kafka's {@link KafkaAdmin} supplies the admin client's configuration and
 * operation timeout; its own topic handling (of {@code NewTopic} beans) is not used,
 * because it adds partitions to an existing topic with fewer than declared.
 */
public class KafkaTopics implements SmartInitializingSingleton, DisposableBean {

	/**
	 * {@code @KafkaListener(properties = ...)} of a consumer that must read every
	 * partition of its topic: it refreshes the topic's metadata every 5 s instead of
	 * every 5 minutes ({@code metadata.max.age.ms}), so partitions an administrator adds
	 * are assigned to it within seconds.
	 */
	public static final String SEE_NEW_PARTITIONS = "metadata.max.age.ms:5000";

	private static final Log logger = LogFactory.getLog(KafkaTopics.class);

	/** How often the check is repeated while a topic is unchecked. */
	static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

	private static final Duration PROBLEM_LOG_INTERVAL = Duration.ofMinutes(1);

	private final KafkaAdmin kafkaAdmin;

	private final Map<String, DeclaredTopic> declared = new LinkedHashMap<>();

	private final boolean create;

	private final boolean checkAtStartup;

	private final boolean fatalIfBrokerNotAvailable;

	private final String clientId;

	private final Duration retryInterval;

	private final Set<String> checked = ConcurrentHashMap.newKeySet();

	private final Object checking = new Object();

	private final AtomicLong lastEarlyCheck = new AtomicLong();

	private ScheduledExecutorService retries;

	private String lastProblem;

	private long lastProblemLoggedAt;

	/**
	 * Creates the topics' check.
	 * @param kafkaAdmin whose configuration and operation timeout the admin client takes
	 * @param declared the topics the service writes or reads
	 * @param create whether a missing topic is created
	 * ({@code tagrelay.kafka.create-topics})
	 * @param checkAtStartup whether the topics are checked at start-up
	 * ({@code spring.kafka.admin.auto-create})
	 * @param fatalIfBrokerNotAvailable whether a broker that cannot be reached at
	 * start-up stops start-up ({@code spring.kafka.admin.fail-fast})
	 * @param clientId the admin client's id
	 * @param retryInterval how often the check is repeated while a topic is unchecked
	 */
	public KafkaTopics(KafkaAdmin kafkaAdmin, Collection<DeclaredTopic> declared, boolean create,
			boolean checkAtStartup, boolean fatalIfBrokerNotAvailable, String clientId, Duration retryInterval) {
		this.kafkaAdmin = kafkaAdmin;
		for (DeclaredTopic topic : declared) {
			this.declared.merge(topic.name(), topic,
					(one, other) -> (one.consumers() >= other.consumers()) ? one : other);
		}
		this.create = create;
		this.checkAtStartup = checkAtStartup;
		this.fatalIfBrokerNotAvailable = fatalIfBrokerNotAvailable;
		this.clientId = clientId;
		this.retryInterval = retryInterval;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.declared.isEmpty()) {
			return;
		}
		if (!this.checkAtStartup) {
			retryInBackground(Duration.ZERO);
			return;
		}
		try {
			check();
		}
		catch (MissingTopicsException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (this.fatalIfBrokerNotAvailable) {
				throw new IllegalStateException("Could not check the Kafka topics " + unchecked(), ex);
			}
			logger.warn("Could not check the Kafka topics " + unchecked() + " at start-up (" + reason(ex)
					+ "); nothing is sent to them until they are checked, which is tried again every "
					+ this.retryInterval.toSeconds() + "s");
			retryInBackground(this.retryInterval);
		}
	}

	/**
	 * Whether a topic is known to exist: it was found or created by the check.
	 * @param topic the topic
	 * @return true once it has been checked
	 */
	public boolean isChecked(String topic) {
		return this.checked.contains(topic);
	}

	/**
	 * The declared topics not yet checked.
	 * @return their names
	 */
	public Set<String> unchecked() {
		return this.declared.keySet()
			.stream()
			.filter((topic) -> !this.checked.contains(topic))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/**
	 * Asks for the next check now rather than at the next interval (at most once a
	 * second), when something was refused for want of it.
	 */
	void checkSoon() {
		long now = System.nanoTime();
		long last = this.lastEarlyCheck.get();
		if (now - last < TimeUnit.SECONDS.toNanos(1) || !this.lastEarlyCheck.compareAndSet(last, now)) {
			return;
		}
		synchronized (this) {
			if (this.retries != null && !this.retries.isShutdown()) {
				this.retries.execute(this::retry);
			}
		}
	}

	/**
	 * Checks the topics not yet checked: finds them, creates those missing if allowed.
	 * @throws MissingTopicsException if a topic is missing and may not be created
	 * @throws KafkaException if the broker could not be asked
	 */
	void check() {
		synchronized (this.checking) {
			List<DeclaredTopic> pending = this.declared.values()
				.stream()
				.filter((topic) -> !this.checked.contains(topic.name()))
				.toList();
			if (pending.isEmpty()) {
				return;
			}
			try (Admin admin = Admin.create(adminConfig())) {
				Map<String, String> refused = new LinkedHashMap<>();
				Map<String, Integer> existing = describe(admin, pending, refused);
				List<DeclaredTopic> missing = pending.stream()
					.filter((topic) -> !existing.containsKey(topic.name()) && !refused.containsKey(topic.name()))
					.toList();
				if (!missing.isEmpty() && !this.create) {
					missing.forEach((topic) -> refused.put(topic.name(),
							"does not exist, and tagrelay.kafka.create-topics=false: tagrelay does not create it"));
				}
				else if (!missing.isEmpty()) {
					existing.putAll(create(admin, missing, refused));
				}
				existing.forEach((topic, partitions) -> accept(this.declared.get(topic), partitions));
				if (!refused.isEmpty()) {
					throw new MissingTopicsException(refused);
				}
			}
		}
	}

	private Map<String, Object> adminConfig() {
		Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
		int timeout = (int) timeout().toMillis();
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, this.clientId);
		return config;
	}

	private Duration timeout() {
		return Duration.ofSeconds(Math.max(1, this.kafkaAdmin.getOperationTimeout()));
	}

	/**
	 * The partition counts of the topics that exist; a topic this service may not even
	 * describe is refused.
	 */
	private Map<String, Integer> describe(Admin admin, List<DeclaredTopic> topics, Map<String, String> refused) {
		Map<String, KafkaFuture<TopicDescription>> described = admin
			.describeTopics(topics.stream().map(DeclaredTopic::name).toList())
			.topicNameValues();
		Map<String, Integer> existing = new HashMap<>();
		for (DeclaredTopic topic : topics) {
			try {
				existing.put(topic.name(), await(described.get(topic.name())).partitions().size());
			}
			catch (UnknownTopicOrPartitionException ex) {
				// missing
			}
			catch (AuthorizationException ex) {
				refused.put(topic.name(), "may not be described by this service's Kafka principal (" + reason(ex)
						+ "): it needs DESCRIBE on the topic, and CREATE if tagrelay is to create it");
			}
		}
		return existing;
	}

	/**
	 * Creates the missing topics; one that another service (or replica) created meanwhile
	 * is used as it is.
	 */
	private Map<String, Integer> create(Admin admin, List<DeclaredTopic> topics, Map<String, String> refused) {
		Map<String, KafkaFuture<Void>> created = admin
			.createTopics(topics.stream().map(DeclaredTopic::settings).toList())
			.values();
		Map<String, Integer> existing = new HashMap<>();
		List<DeclaredTopic> createdMeanwhile = new ArrayList<>();
		for (DeclaredTopic topic : topics) {
			NewTopic settings = topic.settings();
			try {
				await(created.get(topic.name()));
				logger.info("Created Kafka topic '" + topic.name() + "' with " + settings.numPartitions()
						+ " partitions (tagrelay.kafka.partitions)"
						+ ((settings.configs() == null || settings.configs().isEmpty()) ? ""
								: " and " + settings.configs()));
				existing.put(topic.name(), settings.numPartitions());
			}
			catch (TopicExistsException ex) {
				createdMeanwhile.add(topic);
			}
			// InvalidConfigurationException: also no CREATE permission, or a replication
			// factor the cluster cannot give
			catch (InvalidConfigurationException | PolicyViolationException | InvalidPartitionsException ex) {
				refused.put(topic.name(), "does not exist, and the broker refused to create it (" + reason(ex) + ")");
			}
		}
		if (!createdMeanwhile.isEmpty()) {
			Map<String, Integer> found = describe(admin, createdMeanwhile, refused);
			found.forEach((topic, partitions) -> logger
				.info("Kafka topic '" + topic + "' was created meanwhile by another client: used as it is"));
			existing.putAll(found);
		}
		return existing;
	}

	private void accept(DeclaredTopic topic, int partitions) {
		if (topic.consumers() > partitions) {
			logger.warn("Kafka topic '" + topic.name() + "' has " + partitions + " partitions, fewer than the "
					+ topic.consumers() + " consumers of this service (spring.kafka.listener.concurrency): "
					+ (topic.consumers() - partitions) + " of them stay idle. tagrelay never adds partitions to a "
					+ "topic (that moves repositories to other partitions); an administrator may");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Kafka topic '" + topic.name() + "' has " + partitions + " partitions: used as it is");
		}
		this.checked.add(topic.name());
	}

	private <T> T await(KafkaFuture<T> future) {
		try {
			return future.get(timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while checking Kafka topics", ex);
		}
		catch (TimeoutException ex) {
			throw new KafkaException("Timed out checking Kafka topics", ex);
		}
		catch (ExecutionException ex) {
			// the broker's answer (unknown topic, exists, refused...), for the caller to
			// judge
			if (ex.getCause() instanceof ApiException answer) {
				throw answer;
			}
			throw new KafkaException("Could not check Kafka topics", ex.getCause());
		}
	}

	private synchronized void retryInBackground(Duration first) {
		if (this.retries == null) {
			this.retries = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "tagrelay-topics");
				thread.setDaemon(true);
				return thread;
			});
			this.retries.scheduleWithFixedDelay(this::retry, first.toMillis(), this.retryInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private void retry() {
		if (!unchecked().isEmpty()) {
			try {
				check();
				logger.info("Kafka topics checked: " + this.declared.keySet());
			}
			catch (RuntimeException ex) {
				logProblem(ex);
				return;
			}
		}
		synchronized (this) {
			this.retries.shutdown();
		}
	}

	private void logProblem(RuntimeException ex) {
		String problem = (ex instanceof MissingTopicsException) ? ex.getMessage() : reason(ex);
		long now = System.nanoTime();
		if (!problem.equals(this.lastProblem) || now - this.lastProblemLoggedAt > PROBLEM_LOG_INTERVAL.toNanos()) {
			this.lastProblem = problem;
			this.lastProblemLoggedAt = now;
			String message = "Kafka topics " + unchecked() + " not checked yet, nothing is sent to them: " + problem;
			if (ex instanceof MissingTopicsException) {
				logger.error(message);
			}
			else {
				logger.warn(message);
			}
		}
	}

	private static String reason(Throwable ex) {
		Throwable cause = (ex instanceof KafkaException && ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

	@Override
	public synchronized void destroy() {
		if (this.retries != null) {
			this.retries.shutdownNow();
		}
	}

}
