package io.tagrelay.ingest.auth;

import java.util.ArrayList;
import java.util.List;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.client.Clients;
import io.tagrelay.model.Secret;

/**
 * Tokens a caller may present, each with the client it authenticates, each compared in
 * constant time, and every one of them, so that the answer's timing says nothing about
 * which token came close.
 */
final class Tokens {

	private final List<Secret> tokens = new ArrayList<>();

	private final List<Client> clients = new ArrayList<>();

	private Tokens() {
	}

	/**
	 * Tokens of one client.
	 * @param tokens the tokens
	 * @param client whom each of them authenticates
	 * @return the tokens
	 */
	static Tokens of(List<Secret> tokens, Client client) {
		Tokens all = new Tokens();
		tokens.forEach((token) -> all.add(token, client));
		return all;
	}

	/**
	 * The ingest's credentials: the global tokens and the configured clients' tokens.
	 * @param clients the clients
	 * @return the tokens
	 */
	static Tokens of(Clients clients) {
		Tokens all = new Tokens();
		clients.forEachCredential(all::add);
		return all;
	}

	/**
	 * No token at all (authentication left to a proxy in front).
	 * @return no tokens
	 */
	static Tokens none() {
		return new Tokens();
	}

	private void add(Secret token, Client client) {
		this.tokens.add(token);
		this.clients.add(client);
	}

	boolean isEmpty() {
		return this.tokens.isEmpty();
	}

	/**
	 * The client whose token a candidate is.
	 * @param candidate what the caller presented, may be null
	 * @return the client, or null if it is no token
	 */
	Client match(String candidate) {
		Client known = null;
		for (int i = 0; i < this.tokens.size(); i++) {
			// every token is compared, whichever matched
			boolean match = this.tokens.get(i).matches(candidate);
			known = (match && known == null) ? this.clients.get(i) : known;
		}
		return known;
	}

	int size() {
		return this.tokens.size();
	}

	@Override
	public String toString() {
		return this.tokens.size() + " token(s)";
	}

}
