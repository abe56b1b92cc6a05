package io.tagrelay.support.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

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
	void declaresTheEventsTopicWithTheConfiguredLayout() {
		this.runner
			.withPropertyValues("tagrelay.kafka.topics.events=acme.events", "tagrelay.kafka.partitions=3",
					"tagrelay.kafka.replication-factor=2")
			.run((context) -> {
				NewTopic events = context.getBean("eventsTopic", NewTopic.class);
				assertThat(events.name()).isEqualTo("acme.events");
				assertThat(events.numPartitions()).isEqualTo(3);
				assertThat(events.replicationFactor()).isEqualTo((short) 2);
			});
	}

	@Test
	void leavesTheReplicationFactorToTheBrokerByDefault() {
		this.runner.run((context) -> assertThat(context.getBean("eventsTopic", NewTopic.class).replicationFactor())
			.isEqualTo((short) -1));
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
