package io.tagrelay.testing.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class WebhookReceiverTests {

	private static final String KEY = "fixture-signing-key";

	private static final String SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));

	private static final String BODY = "{\"type\":\"deployment.updated\",\"image\":\"quay.io/acme/web:1.1.0\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final WebhookReceiver receiver = new WebhookReceiver(0, SECRET);

	@AfterEach
	void close() {
		this.receiver.close();
	}

	@Test
	void verifiesACorrectSignatureAndRejectsAWrongOne() throws Exception {
		assertThat(post("/hooks", "msg_1", signature("msg_1", "1700000000", BODY)).statusCode()).isEqualTo(204);
		post("/hooks", "msg_2", signature("msg_2", "1700000000", BODY.replace("1.1.0", "6.6.6")));
		post("/hooks", "msg_3", null);

		assertThat(this.receiver.received("/hooks")).extracting(Delivery::webhookId, Delivery::signatureVerified)
			.containsExactly(tuple("msg_1", true), tuple("msg_2", false), tuple("msg_3", false));
		assertThat(this.receiver.received("/hooks").get(0).type()).isEqualTo("deployment.updated");
	}

	@Test
	void refusesTheFirstAttemptsOnAPathThenAccepts() throws Exception {
		this.receiver.failFirst("/flaky", 2, 500);

		assertThat(post("/flaky", "msg_1", null).statusCode()).isEqualTo(500);
		assertThat(post("/flaky", "msg_1", null).statusCode()).isEqualTo(500);
		assertThat(post("/flaky", "msg_1", null).statusCode()).isEqualTo(204);
		assertThat(this.receiver.attempts("/flaky")).isEqualTo(3);
		assertThat(this.receiver.received("/flaky")).hasSize(1);
	}

	@Test
	void letsAnObserverSeeEachAcceptedWebhookBeforeItIsAnswered() throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		this.receiver.failFirst("/hooks", 1, 500);
		this.receiver.observe((delivery) -> seen
			.add(delivery.webhookId() + " seen with " + this.receiver.received("/hooks").size() + " received before"));

		post("/hooks", "msg_1", null);
		post("/hooks", "msg_1", null);
		post("/hooks", "msg_2", null);

		assertThat(seen).containsExactly("msg_1 seen with 0 received before", "msg_2 seen with 1 received before");
	}

	@Test
	void keepsTheHeadersOfAnUnsignedWebhookForARegistryThatProvesItselfWithOne() throws Exception {
		this.http.send(HttpRequest.newBuilder(this.receiver.url("/webhooks/distribution"))
			.header("Authorization", "Bearer registry-token")
			.header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}"))
			.build(), HttpResponse.BodyHandlers.discarding());

		Delivery delivery = this.receiver.received("/webhooks/distribution").get(0);
		assertThat(delivery.header("authorization")).isEqualTo("Bearer registry-token");
		assertThat(delivery.header("Content-Type")).isEqualTo("application/vnd.docker.distribution.events.v1+json");
		assertThat(delivery.header("webhook-signature")).isNull();
		assertThat(delivery.signatureVerified()).isFalse();
		assertThat(delivery.json().path("events").isArray()).isTrue();
	}

	@Test
	void listsWhatItReceivedAsJson() throws Exception {
		post("/hooks/tagrelay", "msg_1", signature("msg_1", "1700000000", BODY));

		HttpResponse<String> list = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.receiver.port() + "/received")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode delivery = JsonMapper.builder().build().readTree(list.body()).get(0);
		assertThat(delivery.path("path").asString()).isEqualTo("/hooks/tagrelay");
		assertThat(delivery.path("webhookId").asString()).isEqualTo("msg_1");
		assertThat(delivery.path("signatureVerified").asBoolean()).isTrue();
		assertThat(delivery.path("body").path("image").asString()).isEqualTo("quay.io/acme/web:1.1.0");
	}

	private HttpResponse<Void> post(String path, String id, String signature) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.receiver.url(path))
			.header("webhook-id", id)
			.header("webhook-timestamp", "1700000000")
			.POST(HttpRequest.BodyPublishers.ofString(BODY));
		if (signature != null) {
			request.header("webhook-signature", signature);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
	}

	// the Standard Webhooks scheme, written out here rather than calling the receiver's
	private static String signature(String id, String timestamp, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		return "v1," + Base64.getEncoder().encodeToString(signed);
	}

}
