package io.tagrelay.testing.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.tagrelay.testing.cluster.Faults.Fault;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * fabric8's CRUD dispatcher with what the simulated cluster adds in front of and behind
 * it: the injected faults, a 422 for a JSON Patch whose {@code test} op fails (as the
 * real API server answers; the mock leaves the request unanswered), the history of every
 * image stored, the listeners of applied image patches, and what kubectl needs besides
 * the CRUD: the {@link Discovery} documents, watches over plain HTTP ({@link HttpWatch})
 * and the {@link DeploymentTable} of {@code kubectl get}; and the count of every request
 * ({@link ApiRequests}). A GET, PATCH or PUT of one named object finds it in the
 * {@link ObjectIndex} instead of the mock's scan of every stored object, and a change of
 * the store is told to the WebSocket watches of the changed object and to those that name
 * none ({@link WatchFanout}), instead of the mock's match against every watch.
 */
final class ClusterDispatcher extends KubernetesCrudDispatcher {

	private static final Pattern DEPLOYMENT = Pattern
		.compile("/apis/apps/v1/namespaces/([^/]+)/deployments/([^/?]+)(\\?.*)?");

	private static final Pattern NAMED = Pattern
		.compile("/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/]+)/([^/]+)(?:/(?:status|scale))?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Faults faults = new Faults();

	private final Rbac rbac = new Rbac();

	private final ApiRequests requests = new ApiRequests();

	private final ImageHistory history = new ImageHistory();

	private final List<ImagePatchListener> patchListeners = new CopyOnWriteArrayList<>();

	private final HttpWatch watches = new HttpWatch(super::handleGet, this::getKey);

	private final ObjectIndex index = new ObjectIndex();

	private final WatchFanout fanout = new WatchFanout(this.context.getMapper());

	/**
	 * The store's read lock, which the mock keeps private and hands to {@link #locked}.
	 */
	private volatile Lock readLock;

	Faults faults() {
		return this.faults;
	}

	Rbac rbac() {
		return this.rbac;
	}

	ApiRequests requests() {
		return this.requests;
	}

	ImageHistory history() {
		return this.history;
	}

	WatchFanout webSocketWatches() {
		return this.fanout;
	}

	void addPatchListener(ImagePatchListener listener) {
		this.patchListeners.add(listener);
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		String path = pathOf(request);
		if ("GET".equals(request.getMethod()) && ApiRequests.METRICS_PATH.equals(path)) {
			return new MockResponse().setResponseCode(200)
				.setHeader("Content-Type", "text/plain; version=0.0.4")
				.setBody(this.requests.metrics());
		}
		this.requests.received(request.getMethod(), path, isWatch(request.getPath()));
		Fault fault = this.faults.next(request.getMethod(), pathOf(request));
		if (fault == null) {
			MockResponse refusal = this.rbac.refusal(request);
			return (refusal != null) ? refusal : answer(request);
		}
		if (fault.delay() != null) {
			return answer(request).setBodyDelay(fault.delay());
		}
		return fault.response();
	}

	private MockResponse answer(RecordedRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return super.dispatch(request);
		}
		String path = pathOf(request);
		MockResponse discovery = Discovery.answer(path);
		if (discovery != null) {
			return discovery;
		}
		if (HttpWatch.isHttpWatch(request)) {
			return this.watches.answer(request.getPath());
		}
		MockResponse response = super.dispatch(request);
		if (response.code() == 404 && (response.getBody() == null || response.getBody().size() == 0)) {
			return notFound(path, response);
		}
		if (DeploymentTable.wanted(path, request.getHeader("Accept"))) {
			return DeploymentTable.of(response, Instant.now());
		}
		return response;
	}

	/**
	 * The API server's 404 of a named object (the mock's has no body), whose message
	 * kubectl prints: {@code deployments.apps "web" not found}.
	 */
	private static MockResponse notFound(String path, MockResponse response) {
		Matcher named = NAMED.matcher(path);
		if (!named.matches()) {
			return response;
		}
		String group = (named.group(1) != null) ? named.group(1) : "";
		String resource = named.group(2);
		String name = named.group(3);
		ObjectNode status = JSON.createObjectNode();
		status.put("kind", "Status");
		status.put("apiVersion", "v1");
		status.putObject("metadata");
		status.put("status", "Failure");
		status.put("message", resource + (group.isEmpty() ? "" : "." + group) + " \"" + name + "\" not found");
		status.put("reason", "NotFound");
		status.putObject("details").put("name", name).put("group", group).put("kind", resource);
		status.put("code", 404);
		return new MockResponse().setResponseCode(404)
			.setHeader("Content-Type", "application/json")
			.setBody(status.toString());
	}

	@Override
	public MockResponse handlePatch(RecordedRequest request) {
		// read before the CRUD dispatcher consumes the body
		String patch = this.patchListeners.isEmpty() ? null
				: new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
		String missing = missingPath(request);
		if (missing != null) {
			return status(422, "Invalid",
					"the server rejected our request due to an error in our request: jsonpatch " + missing);
		}
		MockResponse response;
		try {
			response = super.handlePatch(request);
		}
		catch (JsonPatchException ex) {
			return status(422, "Invalid",
					"the server rejected our request due to an error in our request: test failed");
		}
		long applied = System.nanoTime();
		Matcher deployment = DEPLOYMENT.matcher(request.getPath());
		if (patch != null && response.code() / 100 == 2 && deployment.matches()) {
			String image = replacedImage(patch);
			if (image != null) {
				this.patchListeners
					.forEach((listener) -> listener.patched(deployment.group(1), deployment.group(2), image, applied));
			}
		}
		return response;
	}

	@Override
	public MockResponse handleGet(String path) {
		// without the store's lock: the index replaces an object's entry at once
		if (!path.contains("watch")) {
			ObjectIndex.Lookup lookup = this.index.find(getKey(path));
			if (lookup.known()) {
				return lookup.response();
			}
		}
		return super.handleGet(path);
	}

	@Override
	public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
		ObjectIndex.Lookup lookup = this.index.find(attributes);
		return lookup.known() ? lookup.object() : super.findResource(attributes);
	}

	// a JSON Patch whose paths the stored object lacks, which the real API server refuses
	private String missingPath(RecordedRequest request) {
		String type = request.getHeader("Content-Type");
		if (type == null || !type.startsWith("application/json-patch+json")) {
			return null;
		}
		// from the index, as every GET of a named object
		MockResponse current = handleGet(pathOf(request));
		if (current.code() != 200) {
			return null;
		}
		return JsonPatchPaths.missing(JSON.readTree(current.getBody().getBytes()),
				JSON.readTree(request.getBody().getBytes()));
	}

	@Override
	public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
			GenericKubernetesResource resource, String newState) {
		// called with the store's write lock held; read before the store removes it
		String existing = (oldAttributes != null) ? this.map.get(oldAttributes) : null;
		if (newState == null && existing != null) {
			this.watches.deleted(oldAttributes, existing, requestResourceVersion());
		}
		// parsed once, for the index and for the store, which would parse it again
		GenericKubernetesResource parsed = (resource == null && newState != null && !newState.isEmpty())
				? Serialization.unmarshal(newState, GenericKubernetesResource.class) : resource;
		AttributeSet stored = storedAttributes(pathAttributes, parsed, newState);
		// before the store tells the watches: a GET after an event sees the change
		this.index.replace(oldAttributes, stored, newState);
		// the mock tells no watch: they are all in the fan-out
		super.processEvent(path, pathAttributes, oldAttributes, parsed, newState);
		if (!Objects.equals(existing, newState)) {
			this.fanout.changed(oldAttributes, stored, existing, newState);
		}
		if (newState != null && path.contains("/deployments")) {
			this.history.stored(JSON.readTree(newState));
		}
	}

	/**
	 * Opens a WebSocket watch as the mock does (called by its {@code handleGet}, with the
	 * store's read lock held), but registers it in the {@link WatchFanout}.
	 */
	@Override
	public MockResponse handleWatch(String path) {
		String name = WatchFanout.selectedName(path);
		AttributeSet query = this.attributeExtractor.fromPath(path);
		if (name != null) {
			query = query.add(new Attribute(KubernetesAttributesExtractor.NAME, name));
		}
		Objects.requireNonNull(this.readLock, "handleWatch is called by handleGet, with the read lock held");
		WebSocketWatch watch = this.fanout.open(query, this::sendInitialList);
		return new MockResponse().withWebSocketUpgrade(watch);
	}

	// under the read lock, as the mock's: no change of the store, and so no event,
	// comes between the ADDED events
	private void sendInitialList(WebSocketWatch watch) {
		Lock lock = this.readLock;
		lock.lock();
		try {
			this.map.entrySet()
				.stream()
				.filter((entry) -> watch.matches(entry.getKey()))
				.forEach((entry) -> watch.send(this.fanout.event(entry.getValue(), Action.ADDED)));
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	protected void locked(Lock lock) {
		// the mock takes its read lock before it calls handleWatch
		if (this.readLock == null && lock instanceof ReentrantReadWriteLock.ReadLock) {
			this.readLock = lock;
		}
	}

	// the attributes the store keeps a new state under, as KubernetesCrudDispatcher
	// computes them
	private AttributeSet storedAttributes(AttributeSet pathAttributes, GenericKubernetesResource resource,
			String newState) {
		if (newState == null) {
			return null;
		}
		KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) this.attributeExtractor;
		AttributeSet attributes = (resource != null) ? extractor.extract(resource) : extractor.fromResource(newState);
		if (!attributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
			attributes = AttributeSet.merge(pathAttributes, attributes);
		}
		return attributes;
	}

	@Override
	public void reset() {
		super.reset();
		this.index.clear();
	}

	// the mock's own create and patch, which write the store without processEvent
	@Override
	public MockResponse handleCreate(String path, String body) {
		MockResponse response = super.handleCreate(path, body);
		this.index.rebuild(this.map);
		return response;
	}

	@Override
	public MockResponse handlePatch(String path, String body) {
		MockResponse response = super.handlePatch(path, body);
		this.index.rebuild(this.map);
		return response;
	}

	private static String replacedImage(String patch) {
		JsonNode ops = JSON.readTree(patch);
		if (!ops.isArray()) {
			return null;
		}
		for (JsonNode op : ops) {
			if ("replace".equals(op.path("op").asString()) && op.path("path").asString().endsWith("/image")) {
				return op.path("value").asString();
			}
		}
		return null;
	}

	static boolean isWatch(String path) {
		return path.matches(".*[?&]watch=(true|1)(&.*)?");
	}

	private static String pathOf(RecordedRequest request) {
		String path = request.getPath();
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
	}

	static MockResponse status(int code, String reason, String message) {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("kind", "Status");
		status.put("apiVersion", "v1");
		status.put("status", "Failure");
		if (reason != null) {
			status.put("reason", reason);
		}
		status.put("code", code);
		status.put("message", message);
		return new MockResponse().setResponseCode(code)
			.addHeader("Content-Type", "application/json")
			.setBody(JSON.writeValueAsString(status));
	}

}
