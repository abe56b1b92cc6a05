package io.tagrelay.model.target;

import java.net.URI;

import io.tagrelay.model.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhookEndpointTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://hooks/x", "https://ci.example.com/hooks/tagrelay", "HTTPS://127.0.0.1:9999/" })
	void acceptsAnAbsoluteHttpUrl(String url) {
		assertThat(new WebhookEndpoint(URI.create(url)).enabled()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/hooks/x", "ftp://hooks/x", "mailto:ops@example.com", "http:///x", "http://bad%20host/",
			"file:/etc/passwd" })
	void refusesAnythingElse(String url) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> new WebhookEndpoint(URI.create(url)))
			.withMessageContaining("webhook url");
	}

}
