package io.tagrelay.support.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@link KafkaTopics} against a real broker that auto-creates topics with 3 partitions
 * (so that a topic the broker created would show): a missing topic is created with
 * tagrelay's settings, an existing one is used as it is, a missing one that may not be
 * created stops start-up naming it, and nothing is sent to a topic not checked.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaTopicsTests {

	static final int BROKER_DEFAULT = 3;

	static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = autoCreatingBroker();
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	static EmbeddedKafkaKraftBroker autoCreatingBroker() {
		EmbeddedKafkaKraftBroker created = new EmbeddedKafkaKraftBroker(1, BROKER_DEFAULT);
		created.brokerProperty("auto.create.topics.enable", "true");
		return created;
	}

	ApplicationContextRunner runner(String bootstrapServers, String prefix) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaSupportConfiguration.class,
					ValidationAutoConfiguration.class))
			.withUserConfiguration(Declared.class)
			.withPropertyValues("spring.application.name=tagrelay-test",
					"spring.kafka.bootstrap-servers=" + bootstrapServers, "spring.kafka.admin.operation-timeout=2s",
					"tagrelay.kafka.partitions=6", "tagrelay.kafka.topics.events=" + prefix + ".events",
					"tagrelay.kafka.topics.state=" + prefix + ".state");
	}

	@Test
	void createsMissingTopicsWithTagrelaysSettings() throws Exception {
		runner(broker.getBrokersAsString(), "created").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(KafkaTopics.class).unchecked()).isEmpty();
		});

		assertThat(partitions("created.events")).isEqualTo(6);
		assertThat(partitions("created.state")).isEqualTo(6);
		assertThat(config("created.state").get("cleanup.policy").value()).isEqualTo("compact");
	}

	@Test
	void usesAnExistingTopicAsItIsAndWarnsWhenItHasFewerPartitionsThanConsumers(CapturedOutput output)
			throws Exception {
		create(new NewTopic("existing.events", 2, (short) 1), new NewTopic("existing.state", 9, (short) 1));

		runner(broker.getBrokersAsString(), "existing").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(KafkaTopics.class).unchecked()).isEmpty();
		});

		assertThat(partitions("existing.events")).isEqualTo(2);
		assertThat(partitions("existing.state")).isEqualTo(9);
		assertThat(output).contains("Kafka topic 'existing.events' has 2 partitions, fewer than the 4 consumers")
			.doesNotContain("Kafka topic 'existing.state' has");
	}

	@Test
	void stopsStartUpNamingAMissingTopicThatMayNotBeCreated() throws Exception {
		create(new NewTopic("forbidden.events", 6, (short) 1));

		runner(broker.getBrokersAsString(), "forbidden").withPropertyValues("tagrelay.kafka.create-topics=false")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(MissingTopicsException.class)
				.hasMessageContaining(
						"Kafka topic 'forbidden.state' does not exist, and tagrelay.kafka.create-topics" + "=false")
				.hasMessageNotContaining("forbidden.events"));

		assertThat(topics()).doesNotContain("forbidden.state");
	}

	@Test
	void sendsOnlyToCheckedTopics() throws Exception {
		runner(broker.getBrokersAsString(), "sending").run((context) -> {
			@SuppressWarnings("unchecked")
			KafkaTemplate<String, String> kafka = context.getBean(KafkaTemplate.class);
			assertThat(kafka.send("sending.events", "key", "value")).succeedsWithin(Duration.ofSeconds(10));
			// as a KafkaProducer's send fails at once: KafkaTemplate throws
			assertThatException().isThrownBy(() -> kafka.send("sending.undeclared", "key", "value"))
				.withRootCauseInstanceOf(TopicNotCheckedException.class);
		});

		// with auto.create.topics.enable=true, a producer's metadata request would have
		// created it
		assertThat(topics()).contains("sending.events").doesNotContain("sending.undeclared");
	}

	@Test
	void checksTopicsOnceABrokerUnreachableAtStartUpIsBack(CapturedOutput output) throws Exception {
		// the check's admin client reaches the broker only once the test lets it; the
		// producers reach it all along (and would have it auto-create a topic)
		AtomicReference<String> reachable = new AtomicReference<>("127.0.0.1:" + freePort());
		runner(broker.getBrokersAsString(), "later").withBean(KafkaAdmin.class, () -> {
			KafkaAdmin admin = new KafkaAdmin(new HashMap<>());
			admin.setBootstrapServersSupplier(reachable::get);
			admin.setOperationTimeout(2);
			return admin;
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			KafkaTopics topics = context.getBean(KafkaTopics.class);
			assertThat(topics.unchecked()).containsExactly("later.events", "later.state");
			assertThat(output).contains("Could not check the Kafka topics [later.events, later.state] at start-up");
			@SuppressWarnings("unchecked")
			KafkaTemplate<String, String> kafka = context.getBean(KafkaTemplate.class);
			assertThatException().isThrownBy(() -> kafka.send("later.events", "key", "value"))
				.withRootCauseInstanceOf(TopicNotCheckedException.class);
			assertThat(topics()).doesNotContain("later.events");

			reachable.set(broker.getBrokersAsString());
			await().atMost(Duration.ofSeconds(30)).until(() -> topics.unchecked().isEmpty());
			assertThat(kafka.send("later.events", "key", "value")).succeedsWithin(Duration.ofSeconds(10));
		});

		assertThat(partitions("later.events")).isEqualTo(6);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static Admin admin(String bootstrapServers) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	static void create(NewTopic... topics) throws Exception {
		try (Admin admin = admin(broker.getBrokersAsString())) {
			admin.createTopics(List.of(topics)).all().get(10, TimeUnit.SECONDS);
		}
	}

	static int partitions(String topic) throws Exception {
		try (Admin admin = admin(broker.getBrokersAsString())) {
			return admin.describeTopics(Set.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.size();
		}
	}

	static Config config(String topic) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		try (Admin admin = admin(broker.getBrokersAsString())) {
			return admin.describeConfigs(Set.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
		}
	}

	static Set<String> topics() throws Exception {
		try (Admin admin = admin(broker.getBrokersAsString())) {
			return admin.listTopics().names().get(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * The events topic consumed by a group of 4, the state topic read whole.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Declared {

		@Bean
		DeclaredTopic eventsTopic(TopicsProperties kafka) {
			return DeclaredTopic.consumedBy(kafka.eventsTopic(), 4);
		}

		@Bean
		DeclaredTopic stateTopic(TopicsProperties kafka) {
			return DeclaredTopic.of(kafka.stateTopic());
		}

	}

}
