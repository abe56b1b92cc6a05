package io.tagrelay.model.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The corpus of real notifications under {@code payloads/<source id>/}, each named after
 * where it came from (see {@code payloads/README.md}); shared-model's test-jar carries it
 * to other modules' tests.
 */
public final class Payloads {

	private Payloads() {
	}

	/**
	 * Reads a payload of the corpus.
	 * @param path its path under {@code payloads/}, e.g.
	 * {@code dockerhub/keel-dockerhub_test.json}
	 * @return its bytes, as a registry would send them
	 * @throws IllegalArgumentException if the corpus has no such payload
	 */
	public static byte[] read(String path) {
		try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("no payload payloads/" + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
