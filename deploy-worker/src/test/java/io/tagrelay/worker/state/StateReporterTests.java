package io.tagrelay.worker.state;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Target;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link StateReporter} sends to the state topic: each change of a container once,
 * without waiting for Kafka, and again once Kafka has refused it. The producer is
 * kafka-clients' own {@link MockProducer} ({@link StateTopic}), whose acknowledgements
 * the tests give or refuse one by one.
 */
class StateReporterTests {

	private static final Target WEB = Target.of("quay.io/acme/web", "demo", "web", null);

	private final StateTopic topic = new StateTopic(false);

	private final MockProducer<String, byte[]> producer = this.topic.producer;

	private final EventCodec codec = this.topic.codec;

	private final StateReporter reporter = this.topic.reporter;

	@Test
	void sendsAContainersStateOnceWhileItDoesNotChange() {
		this.reporter.report(WEB, deployment("1.0.0", "5"));
		this.reporter.report(WEB, deployment("1.0.0", "5"));
		this.producer.completeNext();

		this.reporter.report(WEB, deployment("1.0.0", "6"));

		assertThat(sentImages()).containsExactly("quay.io/acme/web:1.0.0");
	}

	@Test
	void doesNotWaitForKafkasAcknowledgement() {
		this.reporter.report(WEB, deployment("1.0.0", "5"));
		this.reporter.report(WEB, deployment("1.1.0", "6"));

		assertThat(sentImages()).containsExactly("quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0");
		assertThat(this.producer.history()).extracting(ProducerRecord::key).containsOnly("demo/web/web").hasSize(2);
	}

	@Test
	void sendsAStateAgainOnceKafkaRefusedIt() {
		this.reporter.report(WEB, deployment("1.0.0", "5"));
		this.producer.errorNext(new TimeoutException("no broker"));

		// the watch's resync hands the same Deployment over again
		this.reporter.report(WEB, deployment("1.0.0", "5"));

		assertThat(sentImages()).containsExactly("quay.io/acme/web:1.0.0", "quay.io/acme/web:1.0.0");
	}

	@Test
	void neverSendsAStateOlderThanTheLastOne() {
		this.reporter.report(WEB, deployment("1.1.0", "7"));
		this.reporter.report(WEB, deployment("1.0.0", "6"));

		assertThat(sentImages()).containsExactly("quay.io/acme/web:1.1.0");
	}

	@Test
	void sendsAMissingDeploymentAsNoImage() {
		this.reporter.report(WEB, null);

		assertThat(this.producer.history()).singleElement()
			.extracting((sent) -> this.codec.readState(sent.value()))
			.satisfies((state) -> {
				assertThat(state.image()).isNull();
				assertThat(state.target().key()).isEqualTo("demo/web/web");
			});
	}

	private List<String> sentImages() {
		return this.topic.sent().stream().map(TargetState::image).toList();
	}

	private static Deployment deployment(String tag, String resourceVersion) {
		return new DeploymentBuilder().withNewMetadata()
			.withNamespace("demo")
			.withName("web")
			.withResourceVersion(resourceVersion)
			.endMetadata()
			.withNewSpec()
			.withReplicas(1)
			.withNewTemplate()
			.withNewSpec()
			.addNewContainer()
			.withName("web")
			.withImage("quay.io/acme/web:" + tag)
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

}
