package io.tagrelay.support.kafka;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class KafkaSupportConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaSupportConfiguration.class,
				ValidationAutoConfiguration.class))
		.withPropertyValues("spring.application.name=tagrelay-test", "spring.kafka.admin.auto-create=false");

	@Test
	void defaultsTheTopicNamesOfTheContract() {
		this.runner.run((context) -> assertThat(context.getBean(TopicsProperties.class).topics())
			.isEqualTo(new TopicsProperties.Topics("tagrelay.events", "tagrelay.events.dlt", "tagrelay.results",
					"tagrelay.state", "tagrelay.webhooks.dlt")));
	}

	@Test
	void givesEveryTopicTheConfiguredLayout() {
		this.runner
			.withPropertyValues("tagrelay.kafka.topics.events=acme.events", "tagrelay.kafka.partitions=3",
					"tagrelay.kafka.replication-factor=2")
			.run((context) -> {
				TopicsProperties kafka = context.getBean(TopicsProperties.class);
				NewTopic events = kafka.eventsTopic();
				assertThat(events.name()).isEqualTo("acme.events");
				assertThat(List.of(kafka.eventsTopic(), kafka.eventsDltTopic(), kafka.resultsTopic(),
						kafka.stateTopic(), kafka.webhooksDltTopic()))
					.allSatisfy((topic) -> {
						assertThat(topic.numPartitions()).isEqualTo(3);
						assertThat(topic.replicationFactor()).isEqualTo((short) 2);
					});
			});
	}

	@Test
	void compactsTheStateTopicOnly() {
		this.runner.run((context) -> {
			TopicsProperties kafka = context.getBean(TopicsProperties.class);
			assertThat(kafka.stateTopic().configs()).containsEntry("cleanup.policy", "compact");
			assertThat(kafka.eventsTopic().configs()).isNullOrEmpty();
			assertThat(kafka.resultsTopic().configs()).isNullOrEmpty();
		});
	}

	@Test
	void leavesTheReplicationFactorToTheBrokerByDefault() {
		this.runner
			.run((context) -> assertThat(context.getBean(TopicsProperties.class).eventsTopic().replicationFactor())
				.isEqualTo((short) -1));
	}

	@Test
	void createsMissingTopicsByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(TopicsProperties.class).createTopics()).isTrue());
	}

	@Test
	void declaresNoNewTopicForKafkaAdminWhichWouldAddPartitions() {
		this.runner.run((context) -> assertThat(context.getBeansOfType(NewTopic.class)).isEmpty());
	}

	@Test
	void sendsNothingToATopicNotChecked() {
		this.runner.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1").run((context) -> {
			assertThat(context).hasSingleBean(KafkaTopics.class);
			// at once, before any metadata request, as a KafkaProducer's failed send
			assertThatException()
				.isThrownBy(() -> context.getBean(KafkaTemplate.class).send("tagrelay.events", "key", "value"))
				.withRootCauseInstanceOf(TopicNotCheckedException.class)
				.withStackTraceContaining("Kafka topic 'tagrelay.events' is not yet known to exist");
		});
	}

	@Test
	void contributesTheKafkaHealthIndicator() {
		this.runner.run((context) -> assertThat(context).hasBean("kafkaHealthIndicator"));
	}

	@Test
	void refusesZeroPartitionsNamingTheKey() {
		this.runner.withPropertyValues("tagrelay.kafka.partitions=0")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("tagrelay.kafka.partitions"));
	}

	@Test
	void refusesABlankTopicNameNamingTheKey() {
		this.runner.withPropertyValues("tagrelay.kafka.topics.state= ")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("tagrelay.kafka.topics.state"));
	}

}
