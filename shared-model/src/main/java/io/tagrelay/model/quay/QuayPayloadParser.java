package io.tagrelay.model.quay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;
import io.tagrelay.model.source.StrictJson;
import tools.jackson.databind.JsonNode;

/**
 * Parses Quay's {@code repo_push} notification. The repository is taken from
 * {@code docker_url} (the full name including the registry host, which is what a pod spec
 * names), and {@code updated_tags} may be a list or, as in older payloads, an object
 * whose keys are the tags.
 */
public final class QuayPayloadParser {

	/**
	 * Parses a payload.
	 * @param body the request body
	 * @return the repository and tags
	 * @throws InvalidInputException saying what is wrong, if it is not a valid push
	 */
	public QuayPush parse(byte[] body) {
		return parseObject(StrictJson.readObject(body));
	}

	/**
	 * Parses a payload already read by {@link StrictJson}.
	 * @param root the payload's root object
	 * @return the repository and tags
	 * @throws InvalidInputException saying what is wrong, if it is not a valid push
	 */
	public QuayPush parseObject(JsonNode root) {
		JsonNode dockerUrl = root.get("docker_url");
		if (dockerUrl == null || !dockerUrl.isString() || dockerUrl.asString().isBlank()) {
			throw new InvalidInputException("docker_url is missing or not a string");
		}
		String repository = ImageReference.parseRepository(trimSpaces(dockerUrl.asString())).repository();
		return new QuayPush(repository, tags(root.get("updated_tags")));
	}

	// only spaces: String.trim() would also drop control characters such as NUL, and so
	// accept a name that is not the one sent
	private static String trimSpaces(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && text.charAt(start) == ' ') {
			start++;
		}
		while (end > start && text.charAt(end - 1) == ' ') {
			end--;
		}
		return text.substring(start, end);
	}

	private static List<String> tags(JsonNode updatedTags) {
		List<String> tags = new ArrayList<>();
		if (updatedTags != null && updatedTags.isArray()) {
			for (JsonNode tag : updatedTags) {
				if (!tag.isString()) {
					throw new InvalidInputException("updated_tags must hold strings");
				}
				tags.add(tag.asString());
			}
		}
		else if (updatedTags != null && updatedTags.isObject()) {
			for (Map.Entry<String, JsonNode> entry : updatedTags.properties()) {
				tags.add(entry.getKey());
			}
		}
		else {
			throw new InvalidInputException("updated_tags is missing or neither a list nor an object");
		}
		if (tags.isEmpty() || tags.size() > RegistryPush.MAX_TAGS) {
			throw new InvalidInputException("updated_tags must name between 1 and " + RegistryPush.MAX_TAGS + " tags");
		}
		tags.forEach(Tags::require);
		return tags;
	}

}
