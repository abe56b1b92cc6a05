package io.tagrelay.ingest.client;

import java.util.List;
import java.util.Set;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.model.target.Target;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A caller the ingest authenticated, by name, with what it may trigger. Holds no token:
 * the authentication filters find the client by its token and leave it on the request.
 *
 * @param name the name, carried in its events and logs
 * @param repositories the repositories it may trigger; empty for any
 * @param deployments the Deployments ({@code namespace/deployment}) it may move; empty
 * for any
 * @param setImage whether it may {@code POST /deployment}
 * @param downgrade whether its image requests may set an older version than the running
 * one
 * @param maxQueued how many of its events may be pending at a time, or 0 for no limit
 */
public record Client(String name, Set<String> repositories, Set<String> deployments, boolean setImage,
		boolean downgrade, int maxQueued) {

	/** The name of a caller the proxy in front authenticated. */
	public static final String ANONYMOUS = "anonymous";

	private static final String ATTRIBUTE = Client.class.getName();

	public Client {
		repositories = Set.copyOf(repositories);
		deployments = Set.copyOf(deployments);
	}

	/**
	 * A client that may trigger everything.
	 * @param name its name
	 * @param maxQueued how many of its events may be pending at a time, or 0 for no limit
	 * @return the client
	 */
	public static Client unrestricted(String name, int maxQueued) {
		return new Client(name, Set.of(), Set.of(), true, true, maxQueued);
	}

	static Client of(IngestProperties.Client configured, List<String> repositories) {
		return new Client(configured.name(), Set.copyOf(repositories), Set.copyOf(configured.targets()),
				configured.setImage(), configured.downgrade(), configured.maxQueued());
	}

	/**
	 * Whether it may trigger a repository.
	 * @param repository the canonical repository
	 * @return true if no repository scope restricts it, or the scope names it
	 */
	public boolean mayTrigger(String repository) {
		return this.repositories.isEmpty() || this.repositories.contains(repository);
	}

	/**
	 * Whether it may move a target's Deployment.
	 * @param target the target
	 * @return true if no target scope restricts it, or the scope names the Deployment
	 */
	public boolean mayMove(Target target) {
		return this.deployments.isEmpty() || this.deployments.contains(key(target));
	}

	/**
	 * Whether a scope limits the Deployments it may move.
	 * @return true if {@code tagrelay.ingest.clients[n].targets} names some
	 */
	public boolean scopedToDeployments() {
		return !this.deployments.isEmpty();
	}

	/**
	 * The client a request was authenticated as.
	 * @param request the request
	 * @return the client the authentication left on it, or {@link #ANONYMOUS} (unlimited
	 * in scope) when a proxy in front authenticates
	 */
	public static Client of(HttpServletRequest request) {
		Object client = request.getAttribute(ATTRIBUTE);
		return (client instanceof Client known) ? known : unrestricted(ANONYMOUS, 0);
	}

	/**
	 * Leaves the authenticated client on a request.
	 * @param request the request
	 * @param client the client
	 */
	public static void authenticated(HttpServletRequest request, Client client) {
		request.setAttribute(ATTRIBUTE, client);
	}

	/**
	 * Whether a request was authenticated as a client yet.
	 * @param request the request
	 * @return true once a filter left a client on it
	 */
	public static boolean isAuthenticated(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof Client;
	}

	static String key(Target target) {
		return target.namespace() + "/" + target.deployment();
	}

}
