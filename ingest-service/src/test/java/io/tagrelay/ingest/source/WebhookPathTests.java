package io.tagrelay.ingest.source;

import io.tagrelay.model.source.Source;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPathTests {

	@Test
	void namesTheSourceOfEveryWebhookPath() {
		assertThat(WebhookPath.of("/webhook").source()).isEqualTo(Source.QUAY);
		for (Source source : Source.values()) {
			WebhookPath path = WebhookPath.of("/webhooks/" + source.id());
			assertThat(path.source()).isEqualTo(source);
			assertThat(path.pathToken()).isNull();
		}
	}

	@Test
	void readsDockerHubsTokenFromThePath() {
		WebhookPath path = WebhookPath.of("/webhooks/dockerhub/Tok-en_1.2~3");
		assertThat(path.source()).isEqualTo(Source.DOCKERHUB);
		assertThat(path.pathToken()).isEqualTo("Tok-en_1.2~3");
		assertThat(path.toString()).doesNotContain("Tok-en_1.2~3");
	}

	@Test
	void readsDockerHubsPathWithoutATokenAsItsSource() {
		WebhookPath path = WebhookPath.of("/webhooks/dockerhub");
		assertThat(path.source()).isEqualTo(Source.DOCKERHUB);
		assertThat(path.pathToken()).isNull();
	}

	@Test
	void isNoWebhookForAPathThatOnlyNormalisesToOne() {
		for (String path : new String[] { "/webhooks/nowhere", "/webhooks/GitHub", "/webhooks/github/",
				"/webhooks/github;x=1", "/webhooks/./github", "/webhooks//github", "/webhooks/%67ithub",
				"/webhooks/x/../github", "/webhooks/harbor/token", "/webhooks/dockerhub/", "/webhooks/dockerhub/a%2Fb",
				"/webhooks/dockerhub/a;b", "/webhooks/dockerhub/a/b", "/webhook/", "/webhooks", "/Webhook",
				"/webhooks/", "/webhooks/g\u00efthub", "/webhooks/dockerhub/t\u00f6ken", "/webhooks/dockerhub/a b",
				"/webhookx", "/xwebhook", "/webhooks/dockerhub//" }) {
			assertThat(WebhookPath.of(path)).as(path).isNull();
		}
	}

	@Test
	void readsThePathAfterTheContextPath() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/relay/webhooks/github");
		request.setContextPath("/relay");
		assertThat(WebhookPath.of(request).source()).isEqualTo(Source.GITHUB);
		request.setContextPath("/other");
		assertThat(WebhookPath.of(request)).isNull();
	}

}
