package io.tagrelay.ingest.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile requests under {@code src/test/resources/hostile/}: one raw HTTP request
 * per file, named {@code <what>.<expected status>.http}, grouped in a folder per
 * endpoint. The bytes are sent as they are, except that {@code {{length}}} is replaced by
 * the length of the body (everything after the first empty line), so that a case can be
 * edited by hand.
 */
final class HostileCorpus {

	private static final Pattern NAME = Pattern.compile("(.+)\\.(\\d{3})\\.http");

	private static final byte[] LENGTH = "{{length}}".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private HostileCorpus() {
	}

	/**
	 * One hostile request.
	 *
	 * @param name {@code folder/what}, as the test is named
	 * @param file the file
	 * @param expectedStatus the status the ingest must answer
	 * @param request the bytes to send
	 */
	record Case(String name, Path file, int expectedStatus, byte[] request) {
	}

	static List<Case> load() {
		Path root = root();
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(".http"))
				.sorted()
				.map((file) -> read(root, file))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path root() {
		URL url = HostileCorpus.class.getClassLoader().getResource("hostile");
		if (url == null) {
			throw new IllegalStateException("no hostile/ folder on the test class path");
		}
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Case read(Path root, Path file) {
		String relative = root.relativize(file).toString().replace('\\', '/');
		Matcher matcher = NAME.matcher(relative);
		if (!matcher.matches()) {
			throw new IllegalStateException(relative + " is not named <what>.<status>.http");
		}
		try {
			return new Case(matcher.group(1), file, Integer.parseInt(matcher.group(2)),
					withLength(Files.readAllBytes(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] withLength(byte[] request) {
		int at = indexOf(request, LENGTH);
		if (at < 0) {
			return request;
		}
		int headEnd = indexOf(request, HEAD_END);
		byte[] length = String.valueOf(request.length - (headEnd + HEAD_END.length))
			.getBytes(StandardCharsets.US_ASCII);
		byte[] result = new byte[request.length - LENGTH.length + length.length];
		System.arraycopy(request, 0, result, 0, at);
		System.arraycopy(length, 0, result, at, length.length);
		System.arraycopy(request, at + LENGTH.length, result, at + length.length, request.length - at - LENGTH.length);
		return result;
	}

	private static int indexOf(byte[] data, byte[] pattern) {
		outer: for (int i = 0; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
