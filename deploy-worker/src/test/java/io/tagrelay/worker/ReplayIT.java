package io.tagrelay.worker;

import java.time.Duration;

import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event handled to the end (outcome published, webhook delivered) is delivered to a
 * worker again, as after a crash before its offset was committed or a reset of the
 * group's offsets: the restarted worker reports it again, but the pipeline gets no second
 * webhook.
 */
class ReplayIT {

	static final StandaloneWorker run = new StandaloneWorker();

	@AfterAll
	static void stop() {
		run.close();
	}

	@Test
	void aReplayedEventSendsNoSecondWebhookEvenAfterARestart() {
		RegistryPush push = WorkerTopics.push("quay.io/acme/hello", "1.0.0");
		ConfigurableApplicationContext first = run.start("--uk.webhook=" + run.receiver.url("/uk"));
		run.publish(push);
		await().untilAsserted(() -> assertThat(run.receiver.received("/uk")).hasSize(1));
		// the webhooks group commits once its poll is handled
		await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
		first.close();

		try (WorkerTopics topics = new WorkerTopics(run.broker.getBrokersAsString(), null)) {
			run.start("--uk.webhook=" + run.receiver.url("/uk"));
			run.publish(push);

			await().untilAsserted(() -> assertThat(topics.outcomes(push)).extracting(DeploymentOutcome::result)
				.containsExactly(Result.UPDATED, Result.UPDATED));
			await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
			assertThat(run.receiver.received("/uk")).hasSize(1);
		}
	}

}
