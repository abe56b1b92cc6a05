package io.tagrelay.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tagrelay.testing.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's Quick start, automated: the whole local stack (broker, sandbox API, both
 * services, receiver) is started, and the README's push moves {@code demo/web} to the
 * pushed tag and produces one signed {@code deployment.updated} webhook.
 */
class LocalStackIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path stateDir;

	static LocalStack stack;

	@BeforeAll
	static void startStack() throws Exception {
		stack = new LocalStack(
				LocalStackOptions.parse("--ingest-port=0", "--worker-port=0", "--receiver-port=0", "--dir=" + stateDir))
			.start();
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void quickStartPushUpdatesTheSandboxDeploymentAndDeliversASignedWebhook() throws Exception {
		HttpResponse<String> response = pushAsQuayDoes("1.1.0");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("eventId");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(imageSeenThroughTheKubeconfig()).isEqualTo("quay.io/tagrelay/web:1.1.0"));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received()).anySatisfy((delivery) -> {
			assertThat(delivery.path("signatureVerified").asBoolean()).isTrue();
			assertThat(delivery.path("webhookId").asString()).isNotEmpty();
			JsonNode body = delivery.path("body");
			assertThat(body.path("type").asString()).isEqualTo("deployment.updated");
			assertThat(body.path("namespace").asString()).isEqualTo("demo");
			assertThat(body.path("deployment").asString()).isEqualTo("web");
			assertThat(body.path("image").asString()).isEqualTo("quay.io/tagrelay/web:1.1.0");
			assertThat(body.path("previousImage").asString()).isEqualTo("quay.io/tagrelay/web:1.0.0");
		}));
	}

	@Test
	void writesAKubeconfigThatIsLabelledAsTheSandbox() throws Exception {
		String kubeconfig = Files.readString(stateDir.resolve("kubeconfig"));

		assertThat(kubeconfig).contains("server: " + stack.sandbox().url()).contains("SANDBOX");
	}

	/**
	 * As {@code kubectl --kubeconfig .tagrelay-local/kubeconfig get deployment} sees it.
	 */
	private static String imageSeenThroughTheKubeconfig() throws Exception {
		Config config = Config.fromKubeconfig(Files.readString(stateDir.resolve("kubeconfig")));
		try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
			return SimulatedCluster.image(client, LocalStack.NAMESPACE, LocalStack.DEPLOYMENT, LocalStack.DEPLOYMENT);
		}
	}

	/** What {@code GET :9999/received} lists. */
	private static List<JsonNode> received() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.receiver().port() + "/received"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<JsonNode> deliveries = new ArrayList<>();
		JSON.readTree(response.body()).forEach(deliveries::add);
		return deliveries;
	}

	private static HttpResponse<String> pushAsQuayDoes(String tag) throws Exception {
		String payload = """
				{"repository":"tagrelay/web","namespace":"tagrelay","name":"web",
				 "docker_url":"quay.io/tagrelay/web","homepage":"https://quay.io/repository/tagrelay/web",
				 "updated_tags":["%s"]}""".formatted(tag);
		String basic = Base64.getEncoder().encodeToString("relay:local".getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ingestPort() + "/webhook"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Basic " + basic)
				.POST(HttpRequest.BodyPublishers.ofString(payload))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
