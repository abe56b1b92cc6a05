package io.tagrelay.model.source;

import org.junit.jupiter.api.Test;

import static io.tagrelay.model.source.Notifications.assertRejected;
import static io.tagrelay.model.source.Notifications.nothing;
import static io.tagrelay.model.source.Notifications.parse;
import static io.tagrelay.model.source.Notifications.pushed;
import static io.tagrelay.model.source.Notifications.pushes;
import static org.assertj.core.api.Assertions.assertThat;

class QuaySourceParserTests {

	@Test
	void readsARepoPushAsQuayPayloadParserDoes() {
		assertThat(parse(Source.QUAY, "{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"1.2.0\",\"latest\"]}"))
			.isEqualTo(pushes(pushed("quay.io/acme/web", null, "1.2.0", "latest")));
	}

	@Test
	void announcesNothingForTheTestNotification() {
		assertThat(parse(Source.QUAY,
				"{\"docker_url\":\"quay.io/acme/web\",\"updated_tags\":[\"latest\",\"foo\"],\"pruned_image_count\":3}"))
			.isEqualTo(nothing("Quay's test notification names sample tags, not pushed ones"));
	}

	@Test
	void refusesWhatQuayPayloadParserRefuses() {
		assertRejected(Source.QUAY, "{\"docker_url\":\"quay.io/acme/web\"}").withMessageContaining("updated_tags");
		assertRejected(Source.QUAY, "{\"updated_tags\":[\"1\"],\"pruned_image_count\":3}")
			.withMessageContaining("docker_url");
	}

}
