package io.tagrelay.model.source;

import java.util.HashSet;
import java.util.Set;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.Digests;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;
import io.tagrelay.model.source.Announcement.Nothing;
import io.tagrelay.model.source.Announcement.Pushes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a source parser must do with any body at all, for the fuzz tests: announce pushes
 * of canonical repositories with valid tags and digests, announce nothing for a reason,
 * or refuse the body with a printable message; nothing else escapes.
 */
final class FuzzedNotifications {

	private FuzzedNotifications() {
	}

	static void parsesOrRefuses(Source source, byte[] body) {
		Announcement announcement;
		try {
			announcement = SourceParsers.of(source)
				.parse(body, (name) -> name.equalsIgnoreCase(GitHubParser.EVENT_HEADER) ? "package" : null);
		}
		catch (InvalidInputException ex) {
			assertThat(ex.getMessage()).isNotBlank().hasSizeLessThan(400).doesNotContainPattern("[\\x00-\\x1f\\x7f]");
			return;
		}
		if (announcement instanceof Nothing nothing) {
			assertThat(nothing.reason()).isNotBlank().doesNotContainPattern("[\\x00-\\x1f\\x7f]");
			return;
		}
		Set<String> repositories = new HashSet<>();
		for (Pushed pushed : ((Pushes) announcement).pushes()) {
			assertThat(ImageReference.parseRepository(pushed.repository()).repository()).isEqualTo(pushed.repository());
			assertThat(repositories.add(pushed.repository())).as("one entry per repository").isTrue();
			assertThat(pushed.tags()).isNotEmpty()
				.hasSizeLessThanOrEqualTo(RegistryPush.MAX_TAGS)
				.allMatch(Tags::isValid)
				.doesNotHaveDuplicates();
			assertThat(pushed.digest() == null || Digests.isValid(pushed.digest())).isTrue();
		}
	}

}
