package io.tagrelay.worker.patch;

/**
 * The container's image was no longer the one read when the patch was made (the
 * {@code test} op failed), or the API server answered 409: someone changed the Deployment
 * in between, so the patch was refused rather than overwriting that change.
 */
public class ImageConflictException extends RuntimeException {

	ImageConflictException(String message, Throwable cause) {
		super(message, cause);
	}

}
