package io.tagrelay.model.source;

import java.util.List;
import java.util.Locale;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Printable;

/**
 * Reads GitHub's {@code package} event (named by the {@code X-GitHub-Event} header) for a
 * container published to GitHub Container Registry: the repository
 * {@code ghcr.io/<namespace>/<name>} in lower case, as image references name it; the tag
 * in {@code package_version.container_metadata.tag}. A {@code ping}, other events and
 * actions, other package types, and the per-platform manifests of a multi-platform push
 * (published without a tag) announce nothing.
 */
final class GitHubParser implements SourceParser {

	/** The header naming the event. */
	static final String EVENT_HEADER = "X-GitHub-Event";

	private static final String HOST = "ghcr.io";

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		Field root = Field.root(body);
		String event = (headers != null) ? headers.first(EVENT_HEADER) : null;
		if (event == null || event.isEmpty()) {
			throw new InvalidInputException("the " + EVENT_HEADER + " header is missing");
		}
		if (event.equals("ping")) {
			return new Announcement.Nothing("GitHub's ping");
		}
		if (!event.equals("package")) {
			return new Announcement.Nothing("GitHub's event '" + Printable.of(event) + "' is not a package event");
		}
		String action = root.get("action").requiredText();
		if (!action.equals("published") && !action.equals("updated")) {
			return new Announcement.Nothing("GitHub's package action '" + Printable.of(action) + "' publishes nothing");
		}
		return published(root.get("package"));
	}

	private static Announcement published(Field pkg) {
		if (!isContainer(pkg.get("package_type").text()) && !isContainer(pkg.get("ecosystem").text())) {
			return new Announcement.Nothing("GitHub published a package that is not a container image");
		}
		String namespace = pkg.get("namespace").text();
		if (namespace == null || namespace.isEmpty()) {
			namespace = pkg.get("owner").get("login").requiredText();
		}
		String repository = (HOST + "/" + namespace + "/" + pkg.get("name").requiredText()).toLowerCase(Locale.ROOT);
		Field tag = pkg.get("package_version").get("container_metadata").get("tag");
		String name = tag.get("name").text();
		if (name == null || name.isEmpty()) {
			return new Announcement.Nothing(
					"GitHub published a manifest without a tag (one platform's image of a multi-platform push)");
		}
		String digest = tag.get("digest").text();
		return new Announcement.Pushes(
				List.of(new Pushed(repository, List.of(name), (digest == null || digest.isEmpty()) ? null : digest)));
	}

	private static boolean isContainer(String type) {
		return "container".equalsIgnoreCase(type);
	}

}
