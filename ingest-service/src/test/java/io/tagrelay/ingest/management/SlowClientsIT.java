package io.tagrelay.ingest.management;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tagrelay.ingest.IngestTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slowloris-style client: 2,000 connections to the public port, each sending its
 * request a byte now and then, never finishing it. The liveness probe, on the management
 * port, answers within the kubelet's default one-second timeout, never failing the
 * chart's {@code failureThreshold} (3) times in a row, so the kubelet restarts nothing.
 */
@IngestTest
class SlowClientsIT {

	static final int FAILURE_THRESHOLD = 3;

	static final int CONNECTIONS = 2_000;

	static final Duration ATTACK = Duration.ofSeconds(12);

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void slowClientsOnThePublicPortNeverFailLiveness() throws Exception {
		List<SocketChannel> clients = new ArrayList<>();
		byte[] start = ("POST /webhook HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		// a started pod's probes have run before any attack: warm the management server
		for (int i = 0; i < 20; i++) {
			probe();
		}
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", this.port));
				client.write(ByteBuffer.wrap(start));
				clients.add(client);
			}
			List<Integer> probes = new ArrayList<>();
			long end = System.nanoTime() + ATTACK.toNanos();
			int round = 0;
			while (System.nanoTime() < end) {
				// each connection sends one more header byte about every 2 s: within
				// Tomcat's read timeout, so none is dropped for being idle
				trickle(clients, round++);
				probes.add(probe());
				Thread.sleep(200);
			}
			assertThat(probes).hasSizeGreaterThan(20);
			assertThat(longestFailureRun(probes)).as("consecutive failed probes in " + probes)
				.isLessThan(FAILURE_THRESHOLD);
			assertThat(probes.stream().filter((status) -> status == 200).count()).as("probes answered in " + probes)
				.isGreaterThanOrEqualTo(probes.size() * 9 / 10);
			assertThat(open(clients)).as("slow connections Tomcat still holds").isGreaterThan(CONNECTIONS / 2);
		}
		finally {
			for (SocketChannel client : clients) {
				client.close();
			}
		}
	}

	// what the kubelet sees: the status, or a failure (-1) if no answer came within 1 s
	private int probe() throws InterruptedException {
		try {
			return Management.get(this.managementPort, "/actuator/health/liveness").statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static int longestFailureRun(List<Integer> probes) {
		int longest = 0;
		int run = 0;
		for (int status : probes) {
			run = (status == 200) ? 0 : run + 1;
			longest = Math.max(longest, run);
		}
		return longest;
	}

	private static void trickle(List<SocketChannel> clients, int round) {
		for (int i = round % 10; i < clients.size(); i += 10) {
			try {
				clients.get(i).write(ByteBuffer.wrap(new byte[] { 'X' }));
			}
			catch (IOException ex) {
				// closed by the server: it may drop what it considers too slow
			}
		}
	}

	private static long open(List<SocketChannel> clients) {
		return clients.stream().filter((client) -> {
			try {
				return client.write(ByteBuffer.wrap(new byte[] { 'X' })) >= 0;
			}
			catch (IOException ex) {
				return false;
			}
		}).count();
	}

}
