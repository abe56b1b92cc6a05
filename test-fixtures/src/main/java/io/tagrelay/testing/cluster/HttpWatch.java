package io.tagrelay.testing.cluster;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Watches over plain HTTP, as kubectl's informers open them ({@code GET ...?watch=true}
 * without a WebSocket upgrade, which is all fabric8's CRUD mock serves: it answers them
 * with a 500). The mock cannot stream a response, so a watch is a long poll: the answer
 * holds the events since the requested {@code resourceVersion} (every matching object
 * changed since, as {@code MODIFIED}, and the deletions since, as {@code DELETED}; all
 * matching objects as {@code ADDED} for a watch from version 0 or none) and ends at once,
 * or, with nothing to tell, ends after {@link #BOOKMARK} with a bookmark (if the client
 * takes them) or empty after {@link #POLL}. A client then watches again from the last
 * version it saw, as it does when a real server ends a watch; it sees a change within
 * that time. Intermediate states between two polls are not replayed.
 */
final class HttpWatch {

	/** How long an empty watch stays open: past client-go's "very short watch" of 1s. */
	static final Duration POLL = Duration.ofMillis(1500);

	/**
	 * How long a watch with nothing to tell stays open when the client takes bookmarks:
	 * it then ends with one (an event, so not a "very short watch" to client-go), at the
	 * version of the store. kubectl's {@code rollout status --watch=false} exits only
	 * once its watch has answered, so this is short.
	 */
	static final Duration BOOKMARK = Duration.ofMillis(100);

	private static final Pattern RESOURCE = Pattern
		.compile("/(?:api/(v1)|apis/([^/]+/[^/]+))(?:/namespaces/[^/]+)?/([^/]+)");

	private static final int TOMBSTONES = 256;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Function<String, MockResponse> lister;

	private final Function<String, AttributeSet> keys;

	private final ConcurrentLinkedDeque<Tombstone> tombstones = new ConcurrentLinkedDeque<>();

	/**
	 * A watch server over a store.
	 * @param lister answers a GET of a path (with no watch in its query) from the store
	 * @param keys the attributes that a path selects
	 */
	HttpWatch(Function<String, MockResponse> lister, Function<String, AttributeSet> keys) {
		this.lister = lister;
		this.keys = keys;
	}

	/**
	 * Whether a request is a watch over plain HTTP, rather than over a WebSocket (as
	 * fabric8's clients watch, which the CRUD mock serves).
	 * @param request a GET
	 * @return whether it asks to watch without a WebSocket upgrade
	 */
	static boolean isHttpWatch(RecordedRequest request) {
		String upgrade = request.getHeader("Upgrade");
		if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
			return false;
		}
		String watch = query(request.getPath()).get("watch");
		return "true".equals(watch) || "1".equals(watch);
	}

	/**
	 * Records a deletion, for the watches that come after it.
	 * @param attributes the deleted object's attributes in the store
	 * @param state the object as it was
	 * @param resourceVersion the version of the deletion
	 */
	void deleted(AttributeSet attributes, String state, long resourceVersion) {
		JsonNode object = JSON.readTree(state);
		if (object instanceof ObjectNode objectNode && objectNode.path("metadata") instanceof ObjectNode metadata) {
			metadata.put("resourceVersion", String.valueOf(resourceVersion));
		}
		this.tombstones.add(new Tombstone(attributes, object, resourceVersion));
		while (this.tombstones.size() > TOMBSTONES) {
			this.tombstones.poll();
		}
	}

	/**
	 * Answers a watch over plain HTTP.
	 * @param pathAndQuery the request's path with its query
	 * @return the events since the requested version, or an empty answer after a while
	 */
	MockResponse answer(String pathAndQuery) {
		Map<String, String> query = query(pathAndQuery);
		long since = version(query.get("resourceVersion"));
		String listPath = listPath(pathAndQuery, query);
		MockResponse list = this.lister.apply(listPath);
		if (list.code() != 200) {
			return list;
		}
		List<Event> events = new ArrayList<>();
		JsonNode answer = JSON.readTree(list.getBody().getBytes());
		Iterable<JsonNode> items = answer.has("items") ? answer.get("items") : List.of(answer);
		for (JsonNode item : items) {
			long version = version(item.path("metadata").path("resourceVersion").asString(""));
			if (since <= 0) {
				events.add(new Event("ADDED", item, version));
			}
			else if (version > since) {
				events.add(new Event("MODIFIED", item, version));
			}
		}
		if (since > 0) {
			AttributeSet selected = this.keys.apply(listPath);
			for (Tombstone tombstone : this.tombstones) {
				if (tombstone.resourceVersion() > since && tombstone.attributes().matches(selected)) {
					events.add(new Event("DELETED", tombstone.object(), tombstone.resourceVersion()));
				}
			}
		}
		events.sort(Comparator.comparingLong(Event::resourceVersion));
		MockResponse response = new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json");
		if (events.isEmpty()) {
			String kind = kind(pathAndQuery);
			if (!"true".equals(query.get("allowWatchBookmarks")) || kind == null) {
				// the mock sends no empty body late: a blank line is no event
				return response.setBody("\n").setBodyDelay(POLL);
			}
			ObjectNode bookmark = JSON.createObjectNode();
			bookmark.put("type", "BOOKMARK");
			ObjectNode object = bookmark.putObject("object");
			object.put("kind", kind);
			object.put("apiVersion", groupVersion(pathAndQuery));
			object.putObject("metadata")
				.put("resourceVersion",
						answer.path("metadata").path("resourceVersion").asString(String.valueOf(since)));
			return response.setBody(bookmark + "\n").setBodyDelay(BOOKMARK);
		}
		StringBuilder body = new StringBuilder();
		for (Event event : events) {
			ObjectNode frame = JSON.createObjectNode();
			frame.put("type", event.type());
			frame.set("object", event.object());
			body.append(frame).append('\n');
		}
		return response.setBody(body.toString());
	}

	private static String kind(String pathAndQuery) {
		Matcher resource = RESOURCE.matcher(pathOf(pathAndQuery));
		return resource.matches() ? Discovery.kind(groupVersion(pathAndQuery), resource.group(3)) : null;
	}

	private static String groupVersion(String pathAndQuery) {
		Matcher resource = RESOURCE.matcher(pathOf(pathAndQuery));
		if (!resource.matches()) {
			return "v1";
		}
		return (resource.group(1) != null) ? resource.group(1) : resource.group(2);
	}

	private static String pathOf(String pathAndQuery) {
		int start = pathAndQuery.indexOf('?');
		return (start >= 0) ? pathAndQuery.substring(0, start) : pathAndQuery;
	}

	private static String listPath(String pathAndQuery, Map<String, String> query) {
		StringBuilder path = new StringBuilder(pathOf(pathAndQuery));
		char separator = '?';
		for (String selector : List.of("labelSelector", "fieldSelector")) {
			String value = query.get(selector);
			if (value != null && !value.isEmpty()) {
				path.append(separator)
					.append(selector)
					.append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
				separator = '&';
			}
		}
		return path.toString();
	}

	private static Map<String, String> query(String pathAndQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		int start = pathAndQuery.indexOf('?');
		if (start < 0) {
			return query;
		}
		for (String parameter : pathAndQuery.substring(start + 1).split("&")) {
			int equals = parameter.indexOf('=');
			String key = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			String value = (equals >= 0) ? parameter.substring(equals + 1) : "";
			query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return query;
	}

	private static long version(String resourceVersion) {
		try {
			return (resourceVersion != null) ? Long.parseLong(resourceVersion) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private record Event(String type, JsonNode object, long resourceVersion) {
	}

	private record Tombstone(AttributeSet attributes, JsonNode object, long resourceVersion) {
	}

}
