package io.tagrelay.model.source;

import java.util.List;

import io.tagrelay.model.quay.QuayPayloadParser;
import io.tagrelay.model.quay.QuayPush;
import tools.jackson.databind.JsonNode;

/**
 * Reads Quay's {@code repo_push} with {@link QuayPayloadParser}, and recognises the
 * sample Quay sends when a user tests a notification: its {@code pruned_image_count}
 * appears in no real push, and its tags ({@code latest}, {@code foo}) were never pushed.
 */
final class QuaySourceParser implements SourceParser {

	private final QuayPayloadParser parser = new QuayPayloadParser();

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		JsonNode root = StrictJson.readObject(body);
		QuayPush push = this.parser.parseObject(root);
		if (root.has("pruned_image_count")) {
			return new Announcement.Nothing("Quay's test notification names sample tags, not pushed ones");
		}
		return new Announcement.Pushes(List.of(new Pushed(push.repository(), push.tags(), null)));
	}

}
