package io.tagrelay.testing.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The objects of fabric8's CRUD store by identity (version, plural, namespace and name),
 * so that a request that names one object finds it without the store's scan of every
 * object. It mirrors the store: each change of the store is one change here, and an
 * object's entry is replaced at once, so a lookup without the store's lock sees the
 * object before or after a change, never missing in between. A lookup answers as the scan
 * would, or not at all (the caller then scans): when the query does not name one object
 * in one namespace, or when more than one stored object matches (the scan answers the
 * first stored, an order this index does not keep).
 */
final class ObjectIndex {

	private static final String[] IDENTITY = { KubernetesAttributesExtractor.VERSION,
			KubernetesAttributesExtractor.PLURAL, KubernetesAttributesExtractor.NAMESPACE,
			KubernetesAttributesExtractor.NAME };

	/** The value that fabric8's {@code Value} takes as equal to any other. */
	private static final String ANY = "*";

	/** The identity of attributes whose values could equal others'. */
	static final Identity WILD = new Identity(List.of());

	private volatile Map<Identity, List<Map.Entry<AttributeSet, String>>> objects = new ConcurrentHashMap<>();

	/** The stored objects whose identity could match others': a lookup scans then. */
	private volatile Set<AttributeSet> wild = ConcurrentHashMap.newKeySet();

	/**
	 * Finds the one object that a query names.
	 * @param query the attributes a request selects
	 * @return the object, its absence, or {@link Lookup#UNKNOWN} for the scan to answer
	 */
	Lookup find(AttributeSet query) {
		Identity identity = identity(query, true);
		if (identity == null || identity == WILD || !this.wild.isEmpty()) {
			return Lookup.UNKNOWN;
		}
		Map.Entry<AttributeSet, String> found = null;
		for (Map.Entry<AttributeSet, String> object : this.objects.getOrDefault(identity, List.of())) {
			if (object.getKey().matches(query)) {
				if (found != null) {
					return Lookup.UNKNOWN;
				}
				found = object;
			}
		}
		return (found != null) ? new Lookup(found) : Lookup.ABSENT;
	}

	/**
	 * Applies what the store does: removes the object stored under one set of attributes
	 * and stores one under another.
	 * @param removed the attributes removed, or {@code null}
	 * @param stored the attributes stored, or {@code null}
	 * @param state the object stored
	 */
	synchronized void replace(AttributeSet removed, AttributeSet stored, String state) {
		Identity was = (removed != null) ? identity(removed, false) : null;
		Identity now = (stored != null) ? identity(stored, false) : null;
		if (removed != null) {
			this.wild.remove(removed);
		}
		if (now == WILD) {
			this.wild.add(stored);
		}
		if (was != null && was != WILD && was.equals(now)) {
			this.objects.compute(now, (id, bucket) -> replaced(bucket, removed, stored, state));
			return;
		}
		if (now != null && now != WILD) {
			this.objects.compute(now, (id, bucket) -> replaced(bucket, null, stored, state));
		}
		if (was != null && was != WILD) {
			this.objects.compute(was, (id, bucket) -> replaced(bucket, removed, null, null));
		}
	}

	/**
	 * Indexes the store anew, after a change that the store made without telling.
	 * @param store the store
	 */
	synchronized void rebuild(Map<AttributeSet, String> store) {
		Map<Identity, List<Map.Entry<AttributeSet, String>>> rebuilt = new ConcurrentHashMap<>();
		Set<AttributeSet> rebuiltWild = ConcurrentHashMap.newKeySet();
		synchronized (store) {
			store.forEach((attributes, state) -> {
				Identity identity = identity(attributes, false);
				if (identity == WILD) {
					rebuiltWild.add(attributes);
				}
				else if (identity != null) {
					rebuilt.compute(identity, (id, bucket) -> replaced(bucket, null, attributes, state));
				}
			});
		}
		this.wild = rebuiltWild;
		this.objects = rebuilt;
	}

	synchronized void clear() {
		this.wild = ConcurrentHashMap.newKeySet();
		this.objects = new ConcurrentHashMap<>();
	}

	private static List<Map.Entry<AttributeSet, String>> replaced(List<Map.Entry<AttributeSet, String>> bucket,
			AttributeSet removed, AttributeSet stored, String state) {
		List<Map.Entry<AttributeSet, String>> objects = new ArrayList<>((bucket != null) ? bucket : List.of());
		objects.removeIf((object) -> object.getKey().equals(removed) || object.getKey().equals(stored));
		if (stored != null) {
			objects.add(Map.entry(stored, state));
		}
		return objects.isEmpty() ? null : List.copyOf(objects);
	}

	/**
	 * The identity in a set of attributes: {@code null} if it lacks one (a query then
	 * names no single object; a stored object cannot match a query that names one),
	 * {@link #WILD} if a value could equal others (fabric8's {@code *}).
	 * @param attributes a stored object's attributes, or a query
	 * @param query whether they are a query, which names an object only with {@code WITH}
	 * attributes
	 * @return the identity, {@link #WILD} or {@code null}
	 */
	static Identity identity(AttributeSet attributes, boolean query) {
		List<String> values = new ArrayList<>(IDENTITY.length);
		for (String key : IDENTITY) {
			Attribute attribute = attributes.getAttribute(key);
			if (attribute == null || (query && attribute.getType() != AttributeType.WITH)) {
				return null;
			}
			String value = (attribute.getValues().size() == 1) ? attribute.getValues().get(0).toString() : null;
			if (value == null || ANY.equals(value)) {
				return WILD;
			}
			values.add(value);
		}
		return new Identity(values);
	}

	/**
	 * An object's version, plural, namespace and name.
	 *
	 * @param values the four values
	 */
	record Identity(List<String> values) {
	}

	/**
	 * What the index knows of the object a query names.
	 *
	 * @param known whether it knows: else only the scan can tell
	 * @param object the object, {@code null} if none matches
	 */
	record Lookup(boolean known, Map.Entry<AttributeSet, String> object) {

		static final Lookup UNKNOWN = new Lookup(false, null);

		static final Lookup ABSENT = new Lookup(true, null);

		Lookup(Map.Entry<AttributeSet, String> object) {
			this(true, object);
		}

		/**
		 * The answer of fabric8's CRUD dispatcher to a GET of the object.
		 * @return its 200, or a 404 without a body
		 */
		MockResponse response() {
			if (this.object == null) {
				return new MockResponse().setResponseCode(404);
			}
			return new MockResponse().setBody(this.object.getValue()).setResponseCode(200);
		}

	}

}
