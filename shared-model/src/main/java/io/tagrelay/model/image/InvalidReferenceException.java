package io.tagrelay.model.image;

import io.tagrelay.model.InvalidInputException;

/**
 * Thrown when a text is not a valid image reference, tag or repository name.
 */
public class InvalidReferenceException extends InvalidInputException {

	public InvalidReferenceException(String message) {
		super(message);
	}

}
