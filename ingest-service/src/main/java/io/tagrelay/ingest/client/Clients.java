package io.tagrelay.ingest.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.source.Source;
import io.tagrelay.model.target.Targets;

/**
 * The configured clients ({@code tagrelay.ingest.clients[n]}) and the built-in ones: the
 * global tokens' {@code default}, and one per source for its own proof. Each scope is
 * checked against the targets at start-up, so that a mistyped repository or Deployment
 * stops the ingest naming its key instead of refusing every request of the client.
 */
public class Clients {

	private final List<Secret> tokens;

	private final List<IngestProperties.Client> configured;

	private final List<Client> clients = new ArrayList<>();

	/**
	 * The clients of a configuration.
	 * @param properties the ingest's settings (tokens and clients)
	 * @param targets the targets the scopes name
	 * @throws io.tagrelay.model.InvalidInputException naming the key, for a scope that
	 * names no configured target or repository
	 */
	public Clients(IngestProperties properties, Targets targets) {
		this.tokens = properties.tokens();
		this.configured = properties.clients();
		for (int i = 0; i < this.configured.size(); i++) {
			this.clients.add(scoped(this.configured.get(i), "tagrelay.ingest.clients[" + i + "]", targets));
		}
	}

	/**
	 * The client of the global tokens ({@code tagrelay.ingest.tokens}): everything.
	 * @return {@code default}
	 */
	public Client global() {
		return Client.unrestricted(IngestProperties.Client.DEFAULT, 0);
	}

	/**
	 * The client of a source's own proof ({@code tagrelay.ingest.sources.<id>.*}): every
	 * push of that source's webhook.
	 * @param source the source
	 * @return the client named after the source
	 */
	public Client of(Source source) {
		return Client.unrestricted(source.id(), 0);
	}

	/**
	 * The ingest's credentials: the global tokens and the clients' tokens.
	 * @param each called with every token and its client
	 */
	public void forEachCredential(BiConsumer<Secret, Client> each) {
		Client global = global();
		this.tokens.forEach((token) -> each.accept(token, global));
		for (int i = 0; i < this.clients.size(); i++) {
			each.accept(this.configured.get(i).token(), this.clients.get(i));
		}
	}

	/**
	 * The configured clients.
	 * @return the clients, in their configured order
	 */
	public List<Client> configured() {
		return List.copyOf(this.clients);
	}

	private static Client scoped(IngestProperties.Client client, String key, Targets targets) {
		List<String> repositories = new ArrayList<>();
		for (int r = 0; r < client.repositories().size(); r++) {
			String entry = key + ".repositories[" + r + "]";
			String repository;
			try {
				repository = ImageReference.parseRepository(client.repositories().get(r).trim()).repository();
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(entry + " is not a repository: " + ex.getMessage());
			}
			if (targets.forRepository(repository).isEmpty()) {
				throw new InvalidInputException(entry + " (" + repository + ") is followed by no target");
			}
			repositories.add(repository);
		}
		for (int t = 0; t < client.targets().size(); t++) {
			String deployment = client.targets().get(t);
			if (targets.all().stream().noneMatch((target) -> Client.key(target).equals(deployment))) {
				throw new InvalidInputException(key + ".targets[" + t + "] (" + deployment
						+ ") is no configured target's namespace/deployment");
			}
		}
		return Client.of(client, repositories);
	}

}
