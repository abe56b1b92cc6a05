package io.tagrelay.testing.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * A watch over a WebSocket, as fabric8's CRUD mock serves it (its
 * {@code WatchEventsListener}, which is package-private, replicated): the events go out
 * in order on a thread of the watch's own, those that come before the socket opens wait
 * for the initial {@code ADDED} events, and a close is sent after the events before it.
 * Unlike the mock's, it is registered by {@link WatchFanout}, and an event for a watch
 * that is closing is dropped rather than thrown at the writer of the store.
 */
final class WebSocketWatch extends WebSocketListener {

	private final AtomicReference<WebSocket> webSocket = new AtomicReference<>();

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

	private final AttributeSet query;

	private final Consumer<WebSocketWatch> initialList;

	private final Consumer<WebSocketWatch> closed;

	// guards open and pending, so that an event is either buffered before the drain in
	// onOpen or sent after it
	private final Object sendLock = new Object();

	private boolean open;

	private final Queue<String> pending = new ArrayDeque<>();

	/**
	 * A watch.
	 * @param query the attributes of the objects it watches
	 * @param initialList sends the initial {@code ADDED} events, when the socket opens
	 * @param closed unregisters it, when the socket is closed or fails
	 */
	WebSocketWatch(AttributeSet query, Consumer<WebSocketWatch> initialList, Consumer<WebSocketWatch> closed) {
		this.query = query;
		this.initialList = initialList;
		this.closed = closed;
	}

	AttributeSet query() {
		return this.query;
	}

	/**
	 * Whether it watches an object.
	 * @param stored the attributes the store keeps the object under
	 * @return whether the object matches the query
	 */
	boolean matches(AttributeSet stored) {
		return stored.matches(this.query);
	}

	/**
	 * Sends an event, or keeps it until the socket opens.
	 * @param event the watch event's JSON
	 */
	void send(String event) {
		synchronized (this.sendLock) {
			if (!this.open) {
				this.pending.add(event);
				return;
			}
		}
		schedule(event);
	}

	@Override
	public void onOpen(WebSocket socket, Response response) {
		this.webSocket.set(socket);
		List<String> buffered;
		synchronized (this.sendLock) {
			this.open = true;
			buffered = new ArrayList<>(this.pending);
			this.pending.clear();
		}
		// the initial ADDED events before those that came while the socket opened
		this.initialList.accept(this);
		buffered.forEach(this::schedule);
	}

	@Override
	public void onClosing(WebSocket socket, int code, String reason) {
		// after the events scheduled before the client closed
		try {
			this.executor.execute(() -> {
				WebSocket current = this.webSocket.get();
				if (current != null) {
					current.close(code, reason);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// closed or failed already
		}
	}

	@Override
	public void onClosed(WebSocket socket, int code, String reason) {
		WebSocket current = this.webSocket.get();
		if (current != null) {
			current.close(code, reason);
		}
		end();
	}

	@Override
	public void onFailure(WebSocket socket, Throwable failure, Response response) {
		// the transport is broken: the events queued cannot go out
		socket.close(1000, failure.getMessage());
		end();
	}

	private void end() {
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.closed.accept(this);
	}

	private void schedule(String event) {
		try {
			this.executor.execute(() -> this.webSocket.get().send(event));
		}
		catch (RejectedExecutionException ex) {
			// the socket is closed: the watch is about to be unregistered
		}
	}

}
