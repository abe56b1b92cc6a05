package io.tagrelay.ingest.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.tagrelay.ingest.GithubSignatures;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.management.Management;
import io.tagrelay.ingest.source.SourcesProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of the ingest that uses its secrets (two ingest tokens, Harbor's own token,
 * GitHub's webhook secret, a Kafka SASL password in the client configuration) in accepted
 * and in refused requests, a token in Docker Hub's path among them, some of them
 * malformed enough that Tomcat refuses them itself: no secret, nor the basic-auth
 * encoding of one, appears in the log output from start-up on, in any actuator answer, in
 * any problem body, or in the configuration record's {@code toString}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.ingest.tokens=" + SecretsStayHiddenIT.TOKEN + "," + SecretsStayHiddenIT.SECOND_TOKEN,
				"tagrelay.ingest.info.enabled=true", "tagrelay.kafka.partitions=1",
				"tagrelay.targets[0].repository=quay.io/acme/web", "tagrelay.targets[0].namespace=demo",
				"tagrelay.targets[0].deployment=web",
				"tagrelay.ingest.sources.harbor.tokens=" + SecretsStayHiddenIT.HARBOR_TOKEN,
				"tagrelay.ingest.sources.github.secret=" + SecretsStayHiddenIT.GITHUB_SECRET,
				"spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
						+ "required username=\"relay\" password=\"" + SecretsStayHiddenIT.KAFKA_PASSWORD + "\";",
				// the client configuration dumps, which would show the SASL settings
				"logging.level.org.apache.kafka.common.config=INFO", "logging.level.io.tagrelay=DEBUG" })
@EmbeddedKafka(partitions = 1, topics = { "tagrelay.events", "tagrelay.results", "tagrelay.state" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SecretsStayHiddenIT {

	// letters and digits only, so that a JSON parser quoting an unexpected token would
	// quote all of it
	static final String TOKEN = "tokIngest4f9d2a71c3";

	static final String SECOND_TOKEN = "tokSecond8b1e6c05d2";

	static final String KAFKA_PASSWORD = "kafka-pw-93c7e1aa5f";

	static final String HARBOR_TOKEN = "tokHarbor5a2c9e17b4";

	static final String GITHUB_SECRET = "ghSecret7d3f0b92a6";

	static final String PUSH = "{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"1.2.0\"]}";

	static final String DOCKERHUB_PUSH = "{\"push_data\":{\"tag\":\"1.2.0\"},\"repository\":{\"repo_name\":\"acme/other\"}}";

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	IngestProperties properties;

	@Autowired
	SourcesProperties sources;

	final List<String> answers = new ArrayList<>();

	@Test
	void noSecretInLogsActuatorOutputProblemsOrToString(CapturedOutput output) throws Exception {
		assertThat(post("/webhook", "Bearer " + TOKEN, PUSH).statusCode()).isEqualTo(202);
		assertThat(post("/webhooks/quay", basic("relay", SECOND_TOKEN), PUSH).statusCode()).isEqualTo(202);
		assertThat(post("/webhook", "Bearer " + TOKEN + "x", PUSH).statusCode()).isEqualTo(401);
		assertThat(post("/webhook", basic(TOKEN, "nope"), PUSH).statusCode()).isEqualTo(401);
		assertThat(post("/webhook", "Token " + TOKEN, PUSH).statusCode()).isEqualTo(401);
		assertThat(post("/webhooks/dockerhub/" + TOKEN, null, DOCKERHUB_PUSH).statusCode()).isEqualTo(403);
		assertThat(post("/webhooks/dockerhub/" + TOKEN + "x", null, DOCKERHUB_PUSH).statusCode()).isEqualTo(401);
		assertThat(post("/webhooks/dockerhub/" + TOKEN, null, TOKEN).statusCode()).isEqualTo(400);
		assertThat(post("/webhooks/harbor", HARBOR_TOKEN, TOKEN).statusCode()).isEqualTo(400);
		assertThat(post("/webhooks/harbor", "Bearer " + HARBOR_TOKEN + "x", TOKEN).statusCode()).isEqualTo(401);
		assertThat(send(request("/webhooks/github", "Bearer " + TOKEN).header("Content-Type", "application/json")
			.header("X-GitHub-Event", "package")
			.header("X-Hub-Signature-256",
					GithubSignatures.of(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), GITHUB_SECRET))
			.POST(HttpRequest.BodyPublishers.ofString(GITHUB_SECRET))
			.build()).statusCode()).isEqualTo(400);
		assertThat(send(request("/webhooks/github", "Bearer " + TOKEN).header("Content-Type", "application/json")
			.header("X-GitHub-Event", "package")
			.header("X-Hub-Signature-256",
					GithubSignatures.of(PUSH.getBytes(StandardCharsets.UTF_8), GITHUB_SECRET + "x"))
			.POST(HttpRequest.BodyPublishers.ofString(PUSH))
			.build()).statusCode()).isEqualTo(401);
		// a client that sends its token as the body: the parser's message must not quote
		// it
		assertThat(post("/webhook", "Bearer " + TOKEN, TOKEN).statusCode()).isEqualTo(400);
		assertThat(post("/deployment/demo/web/web", "Bearer " + TOKEN, TOKEN).statusCode()).isEqualTo(400);
		assertThat(raw("GET /info?token=" + TOKEN + "%zz HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
				+ "\r\nConnection: close\r\n\r\n"))
			.isEqualTo(400);
		assertThat(raw("GET /in fo?" + TOKEN + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
			.isEqualTo(400);
		assertThat(raw("GET /info HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
				+ "\u0001\r\nConnection: close\r\n\r\n"))
			.isEqualTo(400);
		assertThat(raw("GET /info HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
				+ "\r\nAuthorization: Bearer " + SECOND_TOKEN + "\r\nConnection: close\r\n\r\n"))
			.isEqualTo(401);
		List<String> actuator = List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
				"/actuator/prometheus", "/actuator/info", "/actuator/env", "/actuator/configprops",
				"/actuator/env/spring.kafka.properties.sasl.jaas.config");
		for (String path : actuator) {
			assertThat(get(path, "Bearer " + TOKEN).statusCode()).as("public " + path).isEqualTo(404);
			HttpResponse<String> management = Management.get(this.managementPort, path);
			this.answers.add(management.headers().map() + " " + management.body());
			assertThat(management.statusCode()).as("management " + path).isIn(200, 404);
		}
		assertThat(get("/info", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

		for (String secret : secrets()) {
			assertThat(output.getAll()).as("log output").doesNotContain(secret);
			assertThat(this.answers).as("answers, problem bodies included").noneMatch((body) -> body.contains(secret));
			assertThat(this.properties.toString()).doesNotContain(secret);
			assertThat(this.sources.toString()).doesNotContain(secret);
		}
		assertThat(output.getAll()).as("the run logged, so the check above means something")
			.contains("Enqueued RegistryPush")
			.contains("sasl.jaas.config = [hidden]");
	}

	private static List<String> secrets() {
		List<String> secrets = new ArrayList<>(
				List.of(TOKEN, SECOND_TOKEN, KAFKA_PASSWORD, HARBOR_TOKEN, GITHUB_SECRET));
		secrets.add(Base64.getEncoder().encodeToString(("relay:" + SECOND_TOKEN).getBytes(StandardCharsets.UTF_8)));
		secrets.add(Base64.getEncoder().encodeToString((TOKEN + ":nope").getBytes(StandardCharsets.UTF_8)));
		return secrets;
	}

	private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
		return send(request(path, authorization).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		return send(request(path, authorization).GET().build());
	}

	private HttpRequest.Builder request(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
		return (authorization != null) ? request.header("Authorization", authorization) : request;
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		this.answers.add(response.headers().map() + " " + response.body());
		return response;
	}

	private int raw(String request) throws Exception {
		RawHttp.Response response = RawHttp.send(this.port, request.getBytes(StandardCharsets.ISO_8859_1));
		this.answers.add(response.headers() + " " + response.bodyText());
		return response.status();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
