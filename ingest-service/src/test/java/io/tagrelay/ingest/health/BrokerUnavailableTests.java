package io.tagrelay.ingest.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.tagrelay.ingest.IngestTest;
import io.tagrelay.ingest.management.Management;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest with its bootstrap servers pointed at a closed local port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tagrelay.ingest.tokens=" + IngestTest.TOKEN, "tagrelay.ingest.enqueue-timeout=1s",
				"spring.kafka.admin.auto-create=false", "tagrelay.targets[0].repository=quay.io/acme/web",
				"tagrelay.targets[0].deployment=web" })
@AutoConfigureMockMvc
class BrokerUnavailableTests {

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void closedPort(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			int port = socket.getLocalPort();
			registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + port);
		}
	}

	@Test
	void answers503WithRetryAfterWhenKafkaDoesNotAcknowledgeInTime() {
		long start = System.nanoTime();
		MvcTestResult result = this.mvc.post()
			.uri("/webhook")
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"1.0.1\"]}")
			.exchange(Duration.ofSeconds(10));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.containsHeader(HttpHeaders.RETRY_AFTER);
	}

	@LocalManagementPort
	int managementPort;

	@Test
	void isNotReadyButStaysLive() throws Exception {
		// the readiness check asks the broker, with its own timeout
		assertThat(
				Management.get(this.managementPort, "/actuator/health/readiness", Duration.ofSeconds(10)).statusCode())
			.isEqualTo(503);
		assertThat(Management.get(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void keepsInfoOffByDefault() {
		assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
