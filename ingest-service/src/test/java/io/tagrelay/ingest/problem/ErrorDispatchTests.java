package io.tagrelay.ingest.problem;

import io.tagrelay.ingest.IngestTest;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class ErrorDispatchTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void answersContainerErrorsWithProblemInsteadOfBootsErrorJson() {
		assertThat(this.mvc.get()
			.uri("/error")
			.header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER)
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(400);
	}

}
