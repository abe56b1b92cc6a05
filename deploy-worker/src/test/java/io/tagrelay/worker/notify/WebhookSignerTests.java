package io.tagrelay.worker.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.TargetRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhookSignerTests {

	@Test
	void signsAsTheStandardWebhooksReferenceVector() {
		WebhookSigner signer = new WebhookSigner(new Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
		String signature = signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
				"{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
		assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void acceptsARawSecretWithoutPrefix() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		assertThat(new WebhookSigner(new Secret("raw-secret")).sign("msg_1", 1L, body))
			.isNotEqualTo(new WebhookSigner(new Secret("other-secret")).sign("msg_1", 1L, body))
			.startsWith("v1,");
	}

	@Test
	void refusesAPrefixedSecretThatIsNotBase64WithoutQuotingIt() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new WebhookSigner(new Secret("whsec_not*base64!")))
			.withMessageContaining("tagrelay.webhook.secret")
			.withMessageNotContaining("not*base64");
	}

	@Test
	void givesEveryAttemptOfOneOutcomeTheSameIdAndOtherContainersAnother() {
		DeploymentOutcome web = outcome("web");
		assertThat(WebhookNotifier.webhookId(web)).isEqualTo(WebhookNotifier.webhookId(outcome("web")))
			.startsWith("msg_evt_1_")
			.isNotEqualTo(WebhookNotifier.webhookId(outcome("api")));
	}

	private static DeploymentOutcome outcome(String container) {
		return new DeploymentOutcome("evt_1", DeploymentOutcome.Result.UPDATED, new TargetRef("demo", "web", container),
				"quay.io/acme/web", "quay.io/acme/web:1.0.0", "quay.io/acme/web:1.1.0", "1.1.0", null, null,
				Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
	}

}
