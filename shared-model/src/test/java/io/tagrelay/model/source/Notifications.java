package io.tagrelay.model.source;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.source.Announcement.Nothing;
import io.tagrelay.model.source.Announcement.Pushes;
import org.assertj.core.api.ThrowableAssertAlternative;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reads notifications written in a test, as their source's parser does.
 */
final class Notifications {

	private Notifications() {
	}

	static Announcement parse(Source source, String body) {
		return parse(source, body, null);
	}

	static Announcement parse(Source source, String body, String gitHubEvent) {
		return SourceParsers.of(source)
			.parse(body.getBytes(StandardCharsets.UTF_8),
					(name) -> name.equalsIgnoreCase(GitHubParser.EVENT_HEADER) ? gitHubEvent : null);
	}

	static ThrowableAssertAlternative<InvalidInputException> assertRejected(Source source, String body) {
		return assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> parse(source, body, "package"));
	}

	static Pushes pushes(Pushed... pushes) {
		return new Pushes(List.of(pushes));
	}

	static Pushed pushed(String repository, String digest, String... tags) {
		return new Pushed(repository, List.of(tags), digest);
	}

	static Nothing nothing(String reason) {
		return new Nothing(reason);
	}

}
