package io.tagrelay.worker.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tagrelay.model.Secret;

/**
 * The bearer tokens a registry's token endpoint issued, one per registry and repository,
 * each kept until its {@code expires_in} has passed.
 */
final class TokenCache {

	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	private final Clock clock;

	TokenCache(Clock clock) {
		this.clock = clock;
	}

	Optional<Secret> get(String host, String repository) {
		Token token = this.tokens.get(key(host, repository));
		if (token == null || !this.clock.instant().isBefore(token.expires())) {
			return Optional.empty();
		}
		return Optional.of(token.value());
	}

	void put(String host, String repository, Secret value, Duration lifetime) {
		this.tokens.put(key(host, repository), new Token(value, this.clock.instant().plus(lifetime)));
	}

	void forget(String host, String repository) {
		this.tokens.remove(key(host, repository));
	}

	private static String key(String host, String repository) {
		return host + "/" + repository;
	}

	private record Token(Secret value, Instant expires) {
	}

}
