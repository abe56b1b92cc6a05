package io.tagrelay.model.event;

import java.io.ByteArrayOutputStream;

import io.tagrelay.model.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of every record on tagrelay's topics. Each message carries
 * {@code "schema": 1}; readers ignore fields they do not know, so adding a field is not a
 * breaking change, and refuse a schema newer than theirs rather than misread it.
 */
public final class EventCodec {

	/** The schema version this codec writes and the newest it reads. */
	public static final int SCHEMA = 1;

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	/**
	 * Writes a record as JSON bytes.
	 * @param message a record of this package
	 * @return UTF-8 JSON
	 */
	public byte[] write(Object message) {
		ByteArrayOutputStream json = new ByteArrayOutputStream(512);
		try (JsonGenerator generator = new SchemaLast(this.mapper.createGenerator(json))) {
			this.mapper.writeValue(generator, message);
		}
		return json.toByteArray();
	}

	/**
	 * Reads a deploy event.
	 * @param json UTF-8 JSON
	 * @return the event
	 * @throws InvalidInputException if it is not a valid event of a known schema
	 */
	public DeployEvent readEvent(byte[] json) {
		return read(json, DeployEvent.class);
	}

	/**
	 * Reads a deployment outcome.
	 * @param json UTF-8 JSON
	 * @return the outcome
	 * @throws InvalidInputException if it is not a valid outcome of a known schema
	 */
	public DeploymentOutcome readOutcome(byte[] json) {
		return read(json, DeploymentOutcome.class);
	}

	/**
	 * Reads a target state.
	 * @param json UTF-8 JSON
	 * @return the state
	 * @throws InvalidInputException if it is not a valid state of a known schema
	 */
	public TargetState readState(byte[] json) {
		return read(json, TargetState.class);
	}

	private <T> T read(byte[] json, Class<T> type) {
		if (json == null) {
			throw new InvalidInputException("empty message");
		}
		try {
			JsonNode node = this.mapper.readTree(json);
			if (!node.isObject()) {
				throw new InvalidInputException("message is not a JSON object");
			}
			int schema = node.path("schema").asInt(0);
			if (schema < 1 || schema > SCHEMA) {
				throw new InvalidInputException(
						"unsupported schema " + node.path("schema") + " (this reader knows " + SCHEMA + ")");
			}
			return this.mapper.treeToValue(node, type);
		}
		catch (JacksonException ex) {
			if (ex.getCause() instanceof InvalidInputException invalid) {
				throw invalid;
			}
			throw new InvalidInputException("not a valid " + type.getSimpleName() + ": " + ex.getOriginalMessage());
		}
	}

	/**
	 * Writes {@code "schema"} as the last property of the message's object, as the
	 * message is written: no tree of it is built first (a tenth of a push's CPU in the
	 * ingest, bench/RESULTS.md, issue 17).
	 */
	private static final class SchemaLast extends JsonGeneratorDelegate {

		SchemaLast(JsonGenerator generator) {
			super(generator, false);
		}

		@Override
		public JsonGenerator writeEndObject() {
			TokenStreamContext parent = streamWriteContext().getParent();
			if (parent != null && parent.inRoot()) {
				this.delegate.writeNumberProperty("schema", SCHEMA);
			}
			return super.writeEndObject();
		}

	}

}
