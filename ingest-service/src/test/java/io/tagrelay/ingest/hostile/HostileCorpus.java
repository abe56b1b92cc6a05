package io.tagrelay.ingest.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tagrelay.ingest.GithubSignatures;
import io.tagrelay.ingest.PubSubTokens;

/**
 * The hostile requests under {@code src/test/resources/hostile/}: one raw HTTP request
 * per file, named {@code <what>.<expected status>.http}, grouped in a folder per
 * endpoint. The bytes are sent as they are, except that {@code {{length}}} is replaced by
 * the length of the body (everything after the first empty line), so that a case can be
 * edited by hand, and the proofs that depend on the body or the time by valid ones:
 * {@code {{github-signature}}} by GitHub's signature of the body,
 * {@code {{pubsub-bearer}}} by {@code Bearer} and a valid OIDC token of
 * {@link PubSubTokens}.
 */
final class HostileCorpus {

	private static final Pattern NAME = Pattern.compile("(.+)\\.(\\d{3})\\.http");

	private static final byte[] LENGTH = "{{length}}".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] GITHUB_SIGNATURE = "{{github-signature}}".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PUBSUB_BEARER = "{{pubsub-bearer}}".getBytes(StandardCharsets.US_ASCII);

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
					withProofs(withLength(Files.readAllBytes(file))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] withLength(byte[] request) {
		int headEnd = indexOf(request, HEAD_END);
		return replace(request, LENGTH, String.valueOf(request.length - (headEnd + HEAD_END.length)));
	}

	private static byte[] withProofs(byte[] request) {
		int headEnd = indexOf(request, HEAD_END);
		if (headEnd < 0) {
			return request;
		}
		byte[] body = Arrays.copyOfRange(request, headEnd + HEAD_END.length, request.length);
		byte[] signed = replaceAll(request, GITHUB_SIGNATURE, GithubSignatures.of(body));
		return replaceAll(signed, PUBSUB_BEARER, PubSubTokens.bearer());
	}

	private static byte[] replaceAll(byte[] request, byte[] placeholder, String value) {
		byte[] replaced = request;
		while (indexOf(replaced, placeholder) >= 0) {
			replaced = replace(replaced, placeholder, value);
		}
		return replaced;
	}

	// the first placeholder replaced, or the request itself if it has none
	private static byte[] replace(byte[] request, byte[] placeholder, String value) {
		int at = indexOf(request, placeholder);
		if (at < 0) {
			return request;
		}
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		byte[] result = new byte[request.length - placeholder.length + bytes.length];
		System.arraycopy(request, 0, result, 0, at);
		System.arraycopy(bytes, 0, result, at, bytes.length);
		System.arraycopy(request, at + placeholder.length, result, at + bytes.length,
				request.length - at - placeholder.length);
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
