package io.tagrelay.model.quay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.image.Tags;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses Quay's {@code repo_push} notification. The repository is taken from
 * {@code docker_url} (the full name including the registry host, which is what a pod spec
 * names), and {@code updated_tags} may be a list or, as in older payloads, an object
 * whose keys are the tags.
 */
public final class QuayPayloadParser {

	private static final int MAX_DEPTH = 32;

	private final JsonMapper mapper = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_DEPTH)
				.maxStringLength(16 * 1024)
				.maxNumberLength(100)
				.build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.build();

	/**
	 * Parses a payload.
	 * @param body the request body
	 * @return the repository and tags
	 * @throws InvalidInputException saying what is wrong, if it is not a valid push
	 */
	public QuayPush parse(byte[] body) {
		JsonNode root = readTree(body);
		if (!root.isObject()) {
			throw new InvalidInputException("payload is not a JSON object");
		}
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

	private JsonNode readTree(byte[] body) {
		if (body == null || body.length == 0) {
			throw new InvalidInputException("payload is empty");
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			// the location only: Jackson's message quotes the offending text, which may
			// be
			// anything the caller sent, a token pasted by mistake included
			throw new InvalidInputException("payload is not valid JSON" + where(ex));
		}
	}

	private static String where(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		return (location != null && location.getLineNr() > 0)
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
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
