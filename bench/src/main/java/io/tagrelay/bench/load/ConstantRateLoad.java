package io.tagrelay.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load (what wrk2 does and wrk does not): requests fall due at a constant
 * arrival rate whether or not earlier ones have been answered, and each latency is
 * measured from the moment its request was due, so a stall counts against every request
 * it delays (no coordinated omission). A pool of keep-alive connections, each on its own
 * thread with a plain socket and a pre-serialized request, takes the due requests in
 * order; the client costs next to nothing per request.
 *
 * @param port the server's port on 127.0.0.1
 * @param request the whole HTTP/1.1 request, as bytes
 * @param ratePerSecond arrivals per second
 * @param duration how long
 * @param connections the connections (and threads) that send
 */
public record ConstantRateLoad(int port, byte[] request, double ratePerSecond, Duration duration, int connections) {

	private static final long DONE = -1;

	/**
	 * An HTTP/1.1 request.
	 * @param method the method
	 * @param path the path
	 * @param port the port (for Host)
	 * @param headers further headers, "Name: value"
	 * @param body the body, or null
	 * @return its bytes
	 */
	public static byte[] request(String method, String path, int port, List<String> headers, String body) {
		StringBuilder text = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
		headers.forEach((header) -> text.append(header).append("\r\n"));
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			text.append("Content-Length: ").append(content.length).append("\r\n");
		}
		text.append("\r\n");
		byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + content.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(content, 0, all, head.length, content.length);
		return all;
	}

	/**
	 * Runs the load.
	 * @return what was measured
	 * @throws InterruptedException if interrupted
	 */
	public Result run() throws InterruptedException {
		BlockingQueue<Long> due = new LinkedBlockingQueue<>();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicLong non2xx = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		List<Thread> senders = new ArrayList<>();
		for (int i = 0; i < this.connections; i++) {
			Thread sender = new Thread(() -> send(due, latencies, non2xx, failures), "open-loop-" + i);
			sender.setDaemon(true);
			sender.start();
			senders.add(sender);
		}
		long period = (long) (1e9 / this.ratePerSecond);
		long count = (long) (this.ratePerSecond * this.duration.toNanos() / 1e9);
		long start = System.nanoTime();
		for (long i = 0; i < count; i++) {
			long at = start + i * period;
			for (long now = System.nanoTime(); now < at; now = System.nanoTime()) {
				LockSupport.parkNanos(at - now);
			}
			due.add(at);
		}
		for (int i = 0; i < this.connections; i++) {
			due.add(DONE);
		}
		for (Thread sender : senders) {
			sender.join(30_000);
		}
		return new Result(this.ratePerSecond, count, Latencies.of(List.copyOf(latencies)), non2xx.get(),
				failures.get());
	}

	private void send(BlockingQueue<Long> due, ConcurrentLinkedQueue<Long> latencies, AtomicLong non2xx,
			AtomicLong failures) {
		Socket socket = null;
		try {
			for (long at = due.take(); at != DONE; at = due.take()) {
				try {
					if (socket == null) {
						socket = new Socket();
						socket.setTcpNoDelay(true);
						socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
						socket.setSoTimeout(10_000);
					}
					OutputStream out = socket.getOutputStream();
					out.write(this.request);
					out.flush();
					Response response = Response.read(new BufferedInputStream(socket.getInputStream(), 8192));
					latencies.add(System.nanoTime() - at);
					if (response.status() / 100 != 2) {
						non2xx.incrementAndGet();
					}
					if (response.close()) {
						socket.close();
						socket = null;
					}
				}
				catch (IOException ex) {
					failures.incrementAndGet();
					socket = close(socket);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		close(socket);
	}

	private static Socket close(Socket socket) {
		try {
			if (socket != null) {
				socket.close();
			}
		}
		catch (IOException ex) {
			// gone anyway
		}
		return null;
	}

	/**
	 * A response as read off a keep-alive connection: status, and whether the server
	 * closes.
	 */
	private record Response(int status, boolean close) {

		// the input stream is buffered per request: a response is read whole before the
		// next request is sent, so nothing of the next one is lost in the buffer
		static Response read(InputStream in) throws IOException {
			String statusLine = line(in);
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			long length = 0;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			if (chunked) {
				for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0; size = Long
					.parseLong(line(in).split(";")[0].trim(), 16)) {
					in.skipNBytes(size);
					line(in);
				}
				line(in);
			}
			else {
				in.skipNBytes(length);
			}
			return new Response(status, close);
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c == -1) {
					throw new IOException("connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

	}

	/**
	 * What an open-loop run measured.
	 *
	 * @param ratePerSecond the arrival rate
	 * @param requests requests sent
	 * @param latencies from due time to answer
	 * @param non2xx answers that were not 2xx
	 * @param failures requests that got no answer
	 */
	public record Result(double ratePerSecond, long requests, Latencies latencies, long non2xx, long failures) {
	}

}
