package io.tagrelay.worker;

import java.util.ArrayList;
import java.util.List;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.testing.cluster.SimulatedCluster;
import io.tagrelay.testing.kafka.TopicWriter;
import io.tagrelay.testing.webhook.WebhookReceiver;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The worker started as a user starts it, configured as updatekate was (target
 * {@code quay.io/acme/hello} → Deployment {@code default/hello}), against an embedded
 * KRaft broker, a simulated cluster holding that Deployment on {@code 0.5.0}, and a
 * webhook receiver.
 */
final class StandaloneWorker implements AutoCloseable {

	final EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1, WorkerTopics.EVENTS);

	final SimulatedCluster cluster = SimulatedCluster.start();

	final WebhookReceiver receiver = new WebhookReceiver();

	private ConfigurableApplicationContext worker;

	StandaloneWorker() {
		this.broker.afterPropertiesSet();
		this.cluster.createDeployment("default", "hello", 2,
				SimulatedCluster.container("hello", "quay.io/acme/hello:0.5.0"));
	}

	/**
	 * Enqueues a push as the ingest does.
	 * @param push the push
	 */
	void publish(RegistryPush push) {
		TopicWriter.send(this.broker.getBrokersAsString(), WorkerTopics.EVENTS, push.repository(),
				new EventCodec().write(push));
	}

	/**
	 * Starts the worker.
	 * @param args further {@code --key=value} arguments
	 * @return its context
	 */
	ConfigurableApplicationContext start(String... args) {
		List<String> all = new ArrayList<>(
				List.of("--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(), "--server.port=0",
						"--tagrelay.kafka.partitions=1", "--uk.repo=quay.io/acme/hello", "--uk.deployment=hello"));
		all.addAll(List.of(args));
		this.worker = new SpringApplicationBuilder(WorkerApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("mockClient", this.cluster.client()))
			.run(all.toArray(String[]::new));
		return this.worker;
	}

	@Override
	public void close() {
		try (SimulatedCluster cluster = this.cluster; WebhookReceiver receiver = this.receiver) {
			if (this.worker != null) {
				this.worker.close();
			}
		}
		finally {
			this.broker.destroy();
		}
	}

}
