package io.tagrelay.testing.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.tagrelay.testing.cluster.ObjectIndex.Identity;

/**
 * The WebSocket watches of the simulated cluster, and the events of each change of the
 * store they are told, as fabric8's CRUD mock tells its own. The mock matches every
 * change against every watch, with the store's write lock held; here a watch that names
 * one object (by the identity {@link ObjectIndex} uses) is kept under that identity and
 * matched only against changes of an object of that identity, and only the watches that
 * name none (of a namespace, by labels) are matched against every change.
 */
final class WatchFanout {

	private final Map<Identity, Set<WebSocketWatch>> named = new ConcurrentHashMap<>();

	private final Set<WebSocketWatch> unnamed = ConcurrentHashMap.newKeySet();

	private final ObjectMapper mapper;

	/**
	 * Watches whose events are written as the mock writes them.
	 * @param mapper the mapper of the mock's context
	 */
	WatchFanout(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Opens a watch, registered until its socket is closed.
	 * @param query the attributes of the objects it watches
	 * @param initialList sends the initial {@code ADDED} events, when the socket opens
	 * @return the watch, for the WebSocket upgrade
	 */
	WebSocketWatch open(AttributeSet query, Consumer<WebSocketWatch> initialList) {
		Identity identity = ObjectIndex.identity(query, true);
		if (identity == null || identity == ObjectIndex.WILD) {
			WebSocketWatch watch = new WebSocketWatch(query, initialList, this.unnamed::remove);
			this.unnamed.add(watch);
			return watch;
		}
		WebSocketWatch watch = new WebSocketWatch(query, initialList, (closed) -> unregister(identity, closed));
		this.named.compute(identity, (id, watches) -> {
			Set<WebSocketWatch> registered = (watches != null) ? watches : new CopyOnWriteArraySet<>();
			registered.add(watch);
			return registered;
		});
		return watch;
	}

	private void unregister(Identity identity, WebSocketWatch watch) {
		this.named.computeIfPresent(identity, (id, watches) -> {
			watches.remove(watch);
			return watches.isEmpty() ? null : watches;
		});
	}

	/**
	 * Tells the watches of a change of the store what fabric8's mock tells its own: an
	 * object that matches a watch before and after it is {@code MODIFIED}, before only
	 * {@code DELETED}, after only {@code ADDED}. Called with the store's write lock held.
	 * @param oldAttributes the attributes the object was stored under, or {@code null}
	 * @param newAttributes the attributes it is stored under now, or {@code null}
	 * @param existing the object as it was
	 * @param newState the object as it is now
	 */
	void changed(AttributeSet oldAttributes, AttributeSet newAttributes, String existing, String newState) {
		Map<Action, String> events = new EnumMap<>(Action.class);
		for (WebSocketWatch watch : candidates(oldAttributes, newAttributes)) {
			boolean matchesOld = oldAttributes != null && watch.matches(oldAttributes);
			boolean matchesNew = newAttributes != null && watch.matches(newAttributes);
			if (matchesOld && matchesNew) {
				watch.send(events.computeIfAbsent(Action.MODIFIED, (action) -> event(newState, action)));
			}
			else if (matchesOld) {
				watch.send(events.computeIfAbsent(Action.DELETED, (action) -> event(existing, action)));
			}
			else if (matchesNew) {
				watch.send(events.computeIfAbsent(Action.ADDED, (action) -> event(newState, action)));
			}
		}
	}

	/**
	 * The watches an object of either set of attributes could match: those that name its
	 * identity and those that name none. A stored object without an identity matches no
	 * named watch; one whose identity could equal others' could match any.
	 */
	private Collection<WebSocketWatch> candidates(AttributeSet oldAttributes, AttributeSet newAttributes) {
		Identity was = (oldAttributes != null) ? ObjectIndex.identity(oldAttributes, false) : null;
		Identity now = (newAttributes != null) ? ObjectIndex.identity(newAttributes, false) : null;
		List<WebSocketWatch> candidates = new ArrayList<>();
		if (was == ObjectIndex.WILD || now == ObjectIndex.WILD) {
			this.named.values().forEach(candidates::addAll);
		}
		else {
			if (was != null) {
				candidates.addAll(this.named.getOrDefault(was, Set.of()));
			}
			if (now != null && !now.equals(was)) {
				candidates.addAll(this.named.getOrDefault(now, Set.of()));
			}
		}
		candidates.addAll(this.unnamed);
		return candidates;
	}

	/**
	 * The event of an object, as fabric8's mock writes it.
	 * @param object the object's JSON
	 * @param action what happened to it
	 * @return the watch event's JSON
	 */
	String event(String object, Action action) {
		WatchEvent event = new WatchEvent(Serialization.unmarshal(object, GenericKubernetesResource.class),
				action.name());
		try {
			return this.mapper.writeValueAsString(event);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * The watches open.
	 * @return how many there are
	 */
	int size() {
		return this.unnamed.size() + this.named.values().stream().mapToInt(Set::size).sum();
	}

	/**
	 * The identities that some watch names.
	 * @return how many there are
	 */
	int namedObjects() {
		return this.named.size();
	}

	/**
	 * The name a watch selects with its field selector, as fabric8's mock reads it: the
	 * value after the last {@code =} of a {@code metadata.name} requirement.
	 * @param path the watch's path and query
	 * @return the name, or {@code null}
	 */
	static String selectedName(String path) {
		String query;
		try {
			query = new URI(path).getQuery();
		}
		catch (URISyntaxException ex) {
			return null;
		}
		if (query == null || query.isEmpty()) {
			return null;
		}
		String name = "";
		for (String parameter : query.split("&")) {
			if (parameter.contains("fieldSelector") && parameter.contains("metadata.name")) {
				String[] parts = parameter.split("=");
				name = parts[parts.length - 1];
			}
		}
		return name.isEmpty() ? null : name;
	}

}
