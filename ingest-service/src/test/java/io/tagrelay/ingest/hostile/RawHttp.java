package io.tagrelay.ingest.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request as raw bytes over a plain socket, so that no client library normalises
 * it, and reads the whole answer (the server closes the connection after it: the request
 * says {@code Connection: close}, or the client half-closes).
 */
final class RawHttp {

	private static final int TIMEOUT_MILLIS = 15_000;

	private RawHttp() {
	}

	static Response send(int port, byte[] request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
				socket.shutdownOutput();
			}
			catch (IOException ex) {
				// the server may answer and close before reading a large request whole
			}
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new IOException("no complete answer within " + TIMEOUT_MILLIS + "ms; read: "
					+ new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1), ex);
		}
		catch (IOException ex) {
			// a reset after the answer: keep what was read
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	/**
	 * One HTTP/1.1 answer.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case (the last value of a repeated one)
	 * @param body the body, de-chunked
	 */
	record Response(int status, Map<String, String> headers, byte[] body) {

		static Response parse(byte[] raw) throws IOException {
			int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
			if (end < 0) {
				throw new IOException("not an HTTP answer: " + new String(raw, StandardCharsets.ISO_8859_1));
			}
			String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
			String[] statusLine = lines[0].split(" ", 3);
			if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
				throw new IOException("not an HTTP/1.x status line: " + lines[0]);
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(body);
			}
			return new Response(Integer.parseInt(statusLine[1]), headers, body);
		}

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int at = 0;
			while (at < chunked.length) {
				int lineEnd = indexOf(chunked, new byte[] { '\r', '\n' }, at);
				String size = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII);
				int length = Integer.parseInt(size.split(";")[0].trim(), 16);
				if (length == 0) {
					break;
				}
				body.write(chunked, lineEnd + 2, length);
				at = lineEnd + 2 + length + 2;
			}
			return body.toByteArray();
		}

		private static int indexOf(byte[] data, byte[] pattern, int from) {
			outer: for (int i = from; i <= data.length - pattern.length; i++) {
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

}
