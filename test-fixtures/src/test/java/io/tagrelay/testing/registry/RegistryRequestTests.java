package io.tagrelay.testing.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distribution's access log, as {@link DistributionRegistry#requests()} reads it.
 */
class RegistryRequestTests {

	@Test
	void readsALineOfTheAccessLog() {
		String line = "127.0.0.1 - - [02/Dec/2026:05:01:50 +0000] \"PUT /v2/acme/web/manifests/1.1.0 HTTP/1.1\" 201 0"
				+ " \"\" \"skopeo/1.9.3\"";

		assertThat(RegistryRequest.parse(line))
			.hasValue(new RegistryRequest("PUT", "/v2/acme/web/manifests/1.1.0", 201, "skopeo/1.9.3"));
		assertThat(RegistryRequest.parse(line).orElseThrow().isFor("acme/web")).isTrue();
		assertThat(RegistryRequest.parse(line).orElseThrow().isFor("acme")).isFalse();
		assertThat(RegistryRequest.parse(line).orElseThrow().repository()).hasValue("acme/web");
	}

	@Test
	void tellsTheRepositoryOfANestedName() {
		assertThat(new RegistryRequest("GET", "/v2/acme/team/web/tags/list?n=100", 200, "curl").repository())
			.hasValue("acme/team/web");
		assertThat(new RegistryRequest("GET", "/v2/", 200, "curl").repository()).isEmpty();
	}

	@Test
	void skipsTheRegistrysOwnLogLines() {
		String line = "time=\"2026-12-02T05:01:50.435Z\" level=info msg=\"response completed\" http.request.method=PUT";

		assertThat(RegistryRequest.parse(line)).isEmpty();
	}

}
