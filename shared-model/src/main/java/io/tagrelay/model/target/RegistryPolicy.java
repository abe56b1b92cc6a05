package io.tagrelay.model.target;

import java.util.Objects;

/**
 * How a target's tags are checked against the registry before they are applied
 * ({@code tagrelay.targets[n].registry}).
 *
 * @param verify whether the tag must exist in the registry, {@code best-effort} by
 * default
 */
public record RegistryPolicy(Verification verify) {

	public RegistryPolicy {
		verify = Objects.requireNonNullElse(verify, Verification.BEST_EFFORT);
	}

	/**
	 * The policy when none is configured.
	 * @return best-effort verification
	 */
	public static RegistryPolicy defaults() {
		return new RegistryPolicy(null);
	}

	/**
	 * Whether, and how strictly, a tag is looked up in the registry before the patch.
	 */
	public enum Verification {

		/**
		 * A tag the registry does not have, or that cannot be looked up (registry
		 * unreachable after retries, access denied), is never applied.
		 */
		REQUIRED,

		/**
		 * A tag the registry does not have is never applied; when it cannot be looked up,
		 * the tag is applied, with a warning and a metric.
		 */
		BEST_EFFORT,

		/** The registry is not asked. */
		OFF

	}

}
