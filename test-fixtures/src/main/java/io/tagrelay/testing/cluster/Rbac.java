package io.tagrelay.testing.cluster;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * What the simulated API server's RBAC lets a ServiceAccount do with Deployments, decided
 * as the real authorizer decides it: a request that bears the account's token (its
 * {@code Authorization: Bearer} header) on Deployments is allowed only by what a Role in
 * that namespace grants, and refused with the API server's 403 otherwise. A rule that
 * names Deployments ({@code resourceNames}) allows {@code get}, {@code patch} of those,
 * and a {@code list} or {@code watch} only with a {@code metadata.name} field selector
 * that names one of them; a rule without names allows {@code list} and {@code watch} of
 * the whole namespace. Requests of other tokens, or of none (the tests' own client, the
 * Deployment controller), and requests for other resources are not checked.
 */
public final class Rbac {

	private static final Pattern DEPLOYMENTS = Pattern
		.compile("/apis/apps/v1/namespaces/([^/]+)/deployments(?:/([^/]+)(?:/(status|scale))?)?");

	private static final Pattern NAME_SELECTOR = Pattern.compile("(?:^|,)metadata\\.name=([^,]+)");

	/** token -> namespace -> what the Role there grants */
	private final Map<String, Map<String, Grant>> grants = new ConcurrentHashMap<>();

	Rbac() {
	}

	/**
	 * Grants a ServiceAccount {@code get}, {@code list}, {@code watch} and {@code patch}
	 * of these Deployments of one namespace, by name (the chart's Role).
	 * @param token the account's token
	 * @param namespace the namespace
	 * @param names the Deployments
	 */
	public void grantByName(String token, String namespace, String... names) {
		this.grants.computeIfAbsent(token, (t) -> new ConcurrentHashMap<>())
			.merge(namespace, new Grant(Set.of(names), false), Grant::and);
	}

	/**
	 * Grants a ServiceAccount {@code list} and {@code watch} of every Deployment of one
	 * namespace (with {@link #grantByName}, the chart's Role for
	 * {@code worker.watchScope=namespace}).
	 * @param token the account's token
	 * @param namespace the namespace
	 */
	public void grantWatchOfNamespace(String token, String namespace) {
		this.grants.computeIfAbsent(token, (t) -> new ConcurrentHashMap<>())
			.merge(namespace, new Grant(Set.of(), true), Grant::and);
	}

	/**
	 * The API server's 403 for a request its RBAC refuses.
	 * @param request the request
	 * @return the 403, or {@code null} if the request is allowed
	 */
	MockResponse refusal(RecordedRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String user = authorization.substring("Bearer ".length());
		Map<String, Grant> roles = this.grants.get(user);
		String path = request.getPath();
		int query = path.indexOf('?');
		Matcher deployments = DEPLOYMENTS.matcher((query >= 0) ? path.substring(0, query) : path);
		if (roles == null || !deployments.matches()) {
			return null;
		}
		String namespace = deployments.group(1);
		String name = deployments.group(2);
		String verb = verb(request.getMethod(), name, ClusterDispatcher.isWatch(path));
		if (name == null) {
			name = selectedName((query >= 0) ? path.substring(query + 1) : "");
		}
		Grant grant = roles.get(namespace);
		if (grant != null && grant.allows(verb, name)) {
			return null;
		}
		String subject = (deployments.group(2) != null) ? "deployments.apps \"" + deployments.group(2) + "\""
				: "deployments.apps";
		return ClusterDispatcher.status(403, "Forbidden",
				subject + " is forbidden: User \"" + user + "\" cannot " + verb + " resource \"deployments\""
						+ ((deployments.group(3) != null) ? "/" + deployments.group(3) : "")
						+ " in API group \"apps\" in the namespace \"" + namespace + "\"");
	}

	private static String verb(String method, String name, boolean watch) {
		return switch (method) {
			case "GET" -> (name != null) ? "get" : watch ? "watch" : "list";
			case "PATCH" -> "patch";
			case "PUT" -> "update";
			case "POST" -> "create";
			case "DELETE" -> "delete";
			default -> method.toLowerCase(Locale.ROOT);
		};
	}

	private static String selectedName(String query) {
		for (String parameter : query.split("&")) {
			if (parameter.startsWith("fieldSelector=")) {
				Matcher name = NAME_SELECTOR
					.matcher(URLDecoder.decode(parameter.substring("fieldSelector=".length()), StandardCharsets.UTF_8));
				if (name.find()) {
					return name.group(1);
				}
			}
		}
		return null;
	}

	/**
	 * What the Roles of one account grant in one namespace.
	 *
	 * @param names the Deployments granted by name
	 * @param watchNamespace whether list and watch of the whole namespace are granted
	 */
	private record Grant(Set<String> names, boolean watchNamespace) {

		Grant and(Grant other) {
			Set<String> names = new HashSet<>(this.names);
			names.addAll(other.names);
			return new Grant(Set.copyOf(names), this.watchNamespace || other.watchNamespace);
		}

		boolean allows(String verb, String name) {
			return switch (verb) {
				case "get", "patch" -> name != null && this.names.contains(name);
				case "list", "watch" -> this.watchNamespace || (name != null && this.names.contains(name));
				default -> false;
			};
		}

	}

}
