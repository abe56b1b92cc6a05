package io.tagrelay.ingest.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
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
 */
@ConfigurationProperties("tagrelay.ingest")
@Validated
public record IngestProperties(List<Secret> tokens, @DefaultValue Auth auth, @DefaultValue Info info,
		@DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("5s") @DurationMin(millis = 1) Duration enqueueTimeout,
		@DefaultValue("50s") @DurationMin(millis = 1) Duration waitTimeout,
		@DefaultValue("5m") @DurationMin(millis = 1) Duration maxWaitTimeout,
		@DefaultValue("1000") @Min(1) int maxWaiters) {

	public IngestProperties {
		tokens = (tokens == null) ? List.of() : List.copyOf(tokens);
		auth = Objects.requireNonNullElseGet(auth, () -> new Auth(false));
		info = Objects.requireNonNullElseGet(info, () -> new Info(false));
		if (tokens.isEmpty() && !auth.disabled()) {
			throw new InvalidInputException("no ingest token is configured: set tagrelay.ingest.tokens "
					+ "(TAGRELAY_INGEST_TOKENS, comma-separated), or tagrelay.ingest.auth.disabled=true "
					+ "(TAGRELAY_INGEST_AUTH_DISABLED) if a proxy in front authenticates callers");
		}
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
