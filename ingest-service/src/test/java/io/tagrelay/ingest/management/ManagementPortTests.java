package io.tagrelay.ingest.management;

import io.tagrelay.ingest.IngestTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class ManagementPortTests {

	@Autowired
	MockMvcTester mvc;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void servesProbesAndMetricsOnTheManagementPortWithoutAToken() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(Management.get(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(Management.get(this.managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(Management.get(this.managementPort, "/actuator/prometheus").body()).contains("tagrelay_ingest");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus",
			"/actuator/info", "/actuator/env", "/actuator;x/health", "/actuator/nowhere" })
	void answersEveryActuatorPathOnThePublicPortWith404WithOrWithoutAToken(String path) {
		assertThat(this.mvc.get().uri(path)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void servesNoApiOnTheManagementPort() throws Exception {
		assertThat(Management.get(this.managementPort, "/info").statusCode()).isEqualTo(404);
		assertThat(Management.get(this.managementPort, "/deployment/demo/web/web").statusCode()).isEqualTo(404);
	}

}
