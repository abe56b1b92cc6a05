package io.tagrelay.ingest.auth;

import java.util.List;

import io.tagrelay.model.Secret;

/**
 * Tokens a caller may present, each compared in constant time, and every one of them, so
 * that the answer's timing says nothing about which token came close.
 */
final class Tokens {

	private final List<Secret> tokens;

	Tokens(List<Secret> tokens) {
		this.tokens = List.copyOf(tokens);
	}

	boolean isEmpty() {
		return this.tokens.isEmpty();
	}

	/**
	 * Whether a candidate is one of the tokens.
	 * @param candidate what the caller presented, may be null
	 * @return true if it is one
	 */
	boolean match(String candidate) {
		boolean known = false;
		for (Secret token : this.tokens) {
			known |= token.matches(candidate);
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
