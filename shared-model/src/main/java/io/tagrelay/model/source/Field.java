package io.tagrelay.model.source;

import java.util.ArrayList;
import java.util.List;

import io.tagrelay.model.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * A field of a notification, named by its path ({@code events[2].target.tag}) so that a
 * message says which field is wrong without quoting what it holds. A field that is absent
 * or {@code null} reads as absent.
 */
final class Field {

	private final JsonNode node;

	private final String path;

	private Field(JsonNode node, String path) {
		this.node = node;
		this.path = path;
	}

	/**
	 * The body's root object.
	 * @param body the raw body
	 * @return its root
	 * @throws InvalidInputException if the body is not a JSON object
	 */
	static Field root(byte[] body) {
		return of(StrictJson.readObject(body), "");
	}

	/**
	 * A document read from elsewhere (an embedded one), at a path.
	 * @param node the document
	 * @param path how messages name it
	 * @return the field
	 */
	static Field of(JsonNode node, String path) {
		return new Field(node, path);
	}

	/**
	 * A member of this object.
	 * @param name the member's name
	 * @return the member, absent if this field is absent or has no such member
	 * @throws InvalidInputException if this field is present but not an object
	 */
	Field get(String name) {
		String childPath = this.path.isEmpty() ? name : this.path + "." + name;
		if (isAbsent()) {
			return new Field(null, childPath);
		}
		if (!this.node.isObject()) {
			throw new InvalidInputException(this.path + " is not an object");
		}
		return new Field(this.node.get(name), childPath);
	}

	/**
	 * Whether the field is absent or {@code null}.
	 * @return true if it holds nothing
	 */
	boolean isAbsent() {
		return this.node == null || this.node.isNull();
	}

	/**
	 * The text of this field.
	 * @return the text, or null if absent
	 * @throws InvalidInputException if it is present but not a string
	 */
	String text() {
		if (isAbsent()) {
			return null;
		}
		if (!this.node.isString()) {
			throw new InvalidInputException(this.path + " is not a string");
		}
		return this.node.asString();
	}

	/**
	 * The text of this field, which must be there.
	 * @return the text, never empty
	 * @throws InvalidInputException if it is absent, empty or not a string
	 */
	String requiredText() {
		String text = text();
		if (text == null || text.isEmpty()) {
			throw new InvalidInputException(this.path + " is missing");
		}
		return text;
	}

	/**
	 * The elements of this list.
	 * @return the elements, none if absent
	 * @throws InvalidInputException if it is present but not a list
	 */
	List<Field> elements() {
		if (isAbsent()) {
			return List.of();
		}
		if (!this.node.isArray()) {
			throw new InvalidInputException(this.path + " is not a list");
		}
		List<Field> elements = new ArrayList<>(this.node.size());
		for (int i = 0; i < this.node.size(); i++) {
			elements.add(new Field(this.node.get(i), this.path + "[" + i + "]"));
		}
		return elements;
	}

	/**
	 * How messages name this field.
	 * @return its path, e.g. {@code push_data.tag}
	 */
	String path() {
		return this.path;
	}

}
