package io.tagrelay.model.source;

import io.tagrelay.model.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a notification's body as JSON, strictly and within bounds, the same way for every
 * source: nesting at most 32 deep, strings of at most 16 KiB, numbers of at most 100
 * digits, duplicate keys refused (two parsers of one body would otherwise disagree about
 * it), and errors that name a line and column but never quote the body.
 */
public final class StrictJson {

	private static final int MAX_DEPTH = 32;

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_DEPTH)
				.maxStringLength(16 * 1024)
				.maxNumberLength(100)
				.build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.build();

	private StrictJson() {
	}

	/**
	 * Reads a body that must be a JSON object.
	 * @param body the raw body, may be null
	 * @return the object
	 * @throws InvalidInputException if the body is empty, not JSON, out of bounds or not
	 * an object
	 */
	public static JsonNode readObject(byte[] body) {
		return readObject(body, "payload");
	}

	/**
	 * Reads bytes that must hold a JSON object, such as a body or a document embedded in
	 * one.
	 * @param bytes the bytes, may be null
	 * @param what what they are, for the messages, e.g. {@code "message.data"}
	 * @return the object
	 * @throws InvalidInputException if they are empty, not JSON, out of bounds or not an
	 * object
	 */
	static JsonNode readObject(byte[] bytes, String what) {
		if (bytes == null || bytes.length == 0) {
			throw new InvalidInputException(what + " is empty");
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			// the location only: Jackson's message quotes the offending text, which may
			// be
			// anything the caller sent, a token pasted by mistake included
			throw new InvalidInputException(what + " is not valid JSON" + where(ex));
		}
		if (root == null || !root.isObject()) {
			throw new InvalidInputException(what + " is not a JSON object");
		}
		return root;
	}

	private static String where(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		return (location != null && location.getLineNr() > 0)
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
	}

}
