package io.tagrelay.ingest.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.source.Source;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The ingest's own settings ({@code tagrelay.ingest.*}).
 *
 * @param tokens the secrets a caller may present ({@code TAGRELAY_INGEST_TOKENS},
 * comma-separated); required unless authentication is disabled
 * @param auth whether a proxy in front authenticates instead
 * @param info whether {@code GET /info} is on
 * @param maxBodySize the largest request body accepted
 * @param enqueueTimeout the longest wait for Kafka's acknowledgement
 * @param waitTimeout the wait of {@code ?wait=true} without {@code ?timeout=}: below the
 * 60 s idle timeout of common load balancers, which would cut the answer off
 * @param maxWaitTimeout the longest {@code ?timeout=} accepted (a longer one is cut to
 * it)
 * @param maxWaiters how many {@code ?wait=true} requests may wait at a time (each holds a
 * connection); beyond, 503
 * @param clients the named clients, each with its own token and what it may trigger; the
 * global {@code tokens} may trigger everything, as the client {@code default}
 */
@ConfigurationProperties("tagrelay.ingest")
@Validated
public record IngestProperties(List<Secret> tokens, @DefaultValue Auth auth, @DefaultValue Info info,
		@DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("5s") @DurationMin(millis = 1) Duration enqueueTimeout,
		@DefaultValue("50s") @DurationMin(millis = 1) Duration waitTimeout,
		@DefaultValue("5m") @DurationMin(millis = 1) Duration maxWaitTimeout,
		@DefaultValue("1000") @Min(1) int maxWaiters, List<Client> clients) {

	public IngestProperties {
		tokens = (tokens == null) ? List.of() : List.copyOf(tokens);
		auth = Objects.requireNonNullElseGet(auth, () -> new Auth(false));
		info = Objects.requireNonNullElseGet(info, () -> new Info(false));
		clients = (clients == null) ? List.of() : List.copyOf(clients);
		if (tokens.isEmpty() && clients.isEmpty() && !auth.disabled()) {
			throw new InvalidInputException("no ingest token is configured: set tagrelay.ingest.tokens "
					+ "(TAGRELAY_INGEST_TOKENS, comma-separated) or tagrelay.ingest.clients[0].token, "
					+ "or tagrelay.ingest.auth.disabled=true "
					+ "(TAGRELAY_INGEST_AUTH_DISABLED) if a proxy in front authenticates callers");
		}
		Client.requireDistinct(clients, tokens);
		if (waitTimeout.compareTo(maxWaitTimeout) > 0) {
			throw new InvalidInputException("tagrelay.ingest.wait-timeout (" + waitTimeout
					+ ") is longer than tagrelay.ingest.max-wait-timeout (" + maxWaitTimeout + ")");
		}
		// no standard constraint bounds a DataSize
		if (maxBodySize.toBytes() <= 0) {
			throw new InvalidInputException("tagrelay.ingest.max-body-size must be positive");
		}
	}

	/**
	 * {@code tagrelay.ingest.clients[n].*}: a caller with a token of its own, limited to
	 * what it may trigger.
	 *
	 * @param name the client's name, in its events, their outcomes and the logs (never
	 * the token); unique
	 * @param token its secret, presented as the ingest tokens are; unique among the
	 * clients' and the global tokens
	 * @param repositories the repositories its pushes and image requests may be for;
	 * empty for any
	 * @param targets the Deployments ({@code namespace/deployment}) it may move; empty
	 * for any
	 * @param setImage whether it may {@code POST /deployment} (a registry needs not)
	 * @param downgrade whether its image requests may set a version older than the
	 * running one
	 * @param maxQueued how many of its events may be pending at a time
	 */
	public record Client(String name, Secret token, List<String> repositories, List<String> targets, boolean setImage,
			boolean downgrade, @DefaultValue("20") @Min(1) int maxQueued) {

		/** The name of the global tokens' client. */
		public static final String DEFAULT = "default";

		/** The names no configured client may take. */
		static final List<String> RESERVED = List.of(DEFAULT, "anonymous", DeployEvent.UNKNOWN_CLIENT);

		public Client {
			repositories = (repositories == null) ? List.of() : List.copyOf(repositories);
			targets = (targets == null) ? List.of() : List.copyOf(targets);
		}

		static void requireDistinct(List<Client> clients, List<Secret> tokens) {
			List<String> names = new ArrayList<>();
			List<Secret> seen = new ArrayList<>(tokens);
			for (int i = 0; i < clients.size(); i++) {
				Client client = clients.get(i);
				String key = "tagrelay.ingest.clients[" + i + "]";
				if (client.name() == null || !client.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
					throw new InvalidInputException(key + ".name must be 1 to 63 letters, digits, '.', '_' or '-'");
				}
				if (names.contains(client.name())) {
					throw new InvalidInputException(key + ".name '" + client.name() + "' is taken by another client");
				}
				if (RESERVED.contains(client.name()) || Source.ofId(client.name()) != null) {
					throw new InvalidInputException(key + ".name '" + client.name()
							+ "' is reserved: the global tokens are 'default', a source's own proof is named after "
							+ "the source, and " + RESERVED + " are taken");
				}
				names.add(client.name());
				if (client.token() == null) {
					throw new InvalidInputException(key + ".token is required");
				}
				// every earlier token is compared, so a clash is found whichever it is
				boolean clash = false;
				for (Secret other : seen) {
					clash |= other.equals(client.token());
				}
				if (clash) {
					throw new InvalidInputException(key + ".token is also another client's or a global token "
							+ "(tagrelay.ingest.tokens): each client needs its own");
				}
				seen.add(client.token());
			}
		}

	}

	/**
	 * {@code tagrelay.ingest.auth.*}.
	 *
	 * @param disabled true when a proxy in front authenticates
	 * ({@code TAGRELAY_INGEST_AUTH_DISABLED})
	 */
	public record Auth(boolean disabled) {
	}

	/**
	 * {@code tagrelay.ingest.info.*}.
	 *
	 * @param enabled whether {@code GET /info} answers (also {@code UK_INFO})
	 */
	public record Info(boolean enabled) {
	}

}
