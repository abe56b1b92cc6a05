package io.tagrelay.model;

/**
 * Thrown when input from outside (a webhook, a request, a record on a topic,
 * configuration) breaks a rule of the model. The message says which rule, and is safe to
 * show the caller.
 */
public class InvalidInputException extends IllegalArgumentException {

	public InvalidInputException(String message) {
		super(message);
	}

}
