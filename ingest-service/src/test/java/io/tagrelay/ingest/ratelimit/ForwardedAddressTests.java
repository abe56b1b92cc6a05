package io.tagrelay.ingest.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code X-Forwarded-For} names the client address only when the peer is a trusted proxy
 * ({@code server.tomcat.remoteip.internal-proxies}, here {@code 127.0.0.1} only), so that
 * the failed-authentication limit cannot be dodged by a header. Real connections, since
 * the address is Tomcat's: from {@code 127.0.0.1} (trusted) and from {@code 127.0.0.2}
 * (loopback too, but untrusted).
 */
@RateLimitedIngestTest
class ForwardedAddressTests {

	static final String TRUSTED = "127.0.0.1";

	static final String UNTRUSTED = "127.0.0.2";

	static final String GOOD = "Bearer proxied-token";

	@LocalServerPort
	int port;

	@Test
	void countsTheAddressATrustedProxyForwardsNotTheProxys() throws IOException {
		for (int i = 0; i < RateLimitedIngestTest.FAILED_AUTH; i++) {
			assertThat(info(TRUSTED, "203.0.113.9", "Bearer guess-" + i)).isEqualTo(401);
		}

		assertThat(info(TRUSTED, "203.0.113.9", GOOD)).isEqualTo(429);
		assertThat(info(TRUSTED, "203.0.113.10", GOOD)).isEqualTo(200);
	}

	@Test
	void ignoresTheForwardedForOfAnUntrustedPeer() throws IOException {
		for (int i = 0; i < RateLimitedIngestTest.FAILED_AUTH; i++) {
			// a new forwarded address each time: were it believed, no address would fail
			// twice
			assertThat(info(UNTRUSTED, "203.0.113." + (20 + i), "Bearer guess-" + i)).isEqualTo(401);
		}

		assertThat(info(UNTRUSTED, "203.0.113.99", GOOD)).isEqualTo(429);
		assertThat(info(UNTRUSTED, null, GOOD)).isEqualTo(429);
		assertThat(info(TRUSTED, null, GOOD)).isEqualTo(200);
	}

	/** {@code GET /info} from a local address, answered with its status. */
	private int info(String from, String forwardedFor, String authorization) throws IOException {
		String request = "GET /info HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization + "\r\n"
				+ ((forwardedFor != null) ? "X-Forwarded-For: " + forwardedFor + "\r\n" : "")
				+ "Connection: close\r\n\r\n";
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress(TRUSTED, this.port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(head).startsWith("HTTP/1.1 ");
			return Integer.parseInt(head.substring(9, 12));
		}
	}

}
