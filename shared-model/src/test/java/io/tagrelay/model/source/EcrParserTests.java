package io.tagrelay.model.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tagrelay.model.source.Notifications.assertRejected;
import static io.tagrelay.model.source.Notifications.nothing;
import static io.tagrelay.model.source.Notifications.parse;
import static io.tagrelay.model.source.Notifications.pushed;
import static io.tagrelay.model.source.Notifications.pushes;
import static org.assertj.core.api.Assertions.assertThat;

class EcrParserTests {

	static final String DIGEST = "sha256:" + "d".repeat(64);

	@Test
	void readsASuccessfulPushOnTheAccountsRegistry() {
		assertThat(parse(Source.ECR, event("us-east-1", "PUSH", "SUCCESS", "team/web", "1.2.3")))
			.isEqualTo(pushes(pushed("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web", DIGEST, "1.2.3")));
	}

	@Test
	void namesTheChinaRegionsRegistryByItsDomain() {
		assertThat(parse(Source.ECR, event("cn-north-1", "PUSH", "SUCCESS", "web", "1.0")))
			.isEqualTo(pushes(pushed("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web", DIGEST, "1.0")));
	}

	@Test
	void announcesNothingForAFailedPush() {
		assertThat(parse(Source.ECR, event("us-east-1", "PUSH", "FAILURE", "web", "1.0")))
			.isEqualTo(nothing("ECR announced a push that failed"));
	}

	@Test
	void announcesNothingForADeletion() {
		assertThat(parse(Source.ECR, event("us-east-1", "DELETE", "SUCCESS", "web", "1.0")))
			.isEqualTo(nothing("ECR's action 'DELETE' is not a push"));
	}

	@Test
	void announcesNothingForAPushByDigest() {
		assertThat(parse(Source.ECR, event("us-east-1", "PUSH", "SUCCESS", "web", "")))
			.isEqualTo(nothing("ECR announced a push by digest, without a tag"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ECR Image Scan", "ECR Pull Through Cache Action", "ECR Replication Action" })
	void announcesNothingForAnotherEvent(String type) {
		assertThat(parse(Source.ECR,
				event("us-east-1", "PUSH", "SUCCESS", "web", "1.0").replace("ECR Image Action", type)))
			.isEqualTo(nothing("EventBridge's event '" + type + "' is not an ECR Image Action"));
	}

	@Test
	void refusesAnAccountOrRegionThatNamesNoRegistry() {
		assertRejected(Source.ECR,
				event("us-east-1", "PUSH", "SUCCESS", "web", "1.0").replace("123456789012", "evil.example.com/x"))
			.withMessage("account or region is not an AWS account id or region");
		assertRejected(Source.ECR, event("us-east-1/../x", "PUSH", "SUCCESS", "web", "1.0"))
			.withMessage("account or region is not an AWS account id or region");
	}

	static String event(String region, String action, String result, String repository, String tag) {
		return """
				{"version":"0","id":"13cde686","detail-type":"ECR Image Action","source":"aws.ecr",
				 "account":"123456789012","time":"2019-11-16T01:54:34Z","region":"%s","resources":[],
				 "detail":{"result":"%s","repository-name":"%s","image-digest":"%s","action-type":"%s","image-tag":"%s"}}
				"""
			.formatted(region, result, repository, DIGEST, action, tag);
	}

}
