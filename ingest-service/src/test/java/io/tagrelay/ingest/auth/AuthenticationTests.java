package io.tagrelay.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.tagrelay.ingest.IngestTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class AuthenticationTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void rejectsRequestWithoutCredentialsWith401ProblemAndChallenge() {
		assertThat(this.mvc.get().uri("/info")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.hasHeaderSatisfying(HttpHeaders.WWW_AUTHENTICATE,
					(values) -> assertThat(values).anySatisfy((value) -> assertThat(value).startsWith("Basic")));
	}

	@Test
	void rejectsUnknownBearerToken() {
		assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, "Bearer test-tokem"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void rejectsUnknownBasicPassword() {
		assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, basic("relay", "nope")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, "Basic !!not-base64"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void acceptsAnyConfiguredTokenAsBearer() {
		assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER))
			.hasStatus(HttpStatus.OK);
		assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, "Bearer second-token"))
			.hasStatus(HttpStatus.OK);
	}

	@Test
	void acceptsTokenAsBasicPasswordWithAnyUserName() {
		assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, basic("relay", IngestTest.TOKEN)))
			.hasStatus(HttpStatus.OK);
		assertThat(this.mvc.get().uri("/info").header(HttpHeaders.AUTHORIZATION, basic("ci", IngestTest.TOKEN)))
			.hasStatus(HttpStatus.OK);
	}

	@Test
	void keepsOtherEndpointsBehindTheToken() {
		assertThat(this.mvc.get().uri("/deployment/demo/web/web")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/events/evt_x")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void answersUnknownPathAndWrongMethodWithProblems() {
		assertThat(this.mvc.get().uri("/nowhere").header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/webhook").header(HttpHeaders.AUTHORIZATION, IngestTest.BEARER))
			.hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
