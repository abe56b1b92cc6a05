package io.tagrelay.worker.registry;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.RegistryPolicy.Verification;
import io.tagrelay.model.target.Target;
import io.tagrelay.worker.cluster.OutageBudget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Asks the registry, before a patch, whether it has the image chosen for a container, as
 * the target's {@code registry.verify} says: a tag the registry does not have is never
 * applied; one it cannot confirm (no answer after the retries, credentials refused) is
 * applied with a warning for {@code best-effort} (counted as
 * {@code tagrelay.registry.unverified}), never for {@code required}, which waits for a
 * registry out of reach until {@code tagrelay.registry.outage-budget} is spent;
 * {@code off} asks nothing. Every lookup is counted as
 * {@code tagrelay.registry.lookups{result}}.
 */
public class TagVerifier {

	private static final Log logger = LogFactory.getLog(TagVerifier.class);

	private final RegistryClient client;

	private final MeterRegistry metrics;

	private final OutageBudget outages;

	public TagVerifier(RegistryClient client, RegistryClientProperties properties, MeterRegistry metrics) {
		this.client = client;
		this.metrics = metrics;
		this.outages = new OutageBudget("Registry", properties.outageBudget(), properties.retry().maxInterval(),
				RuntimeException::getMessage);
	}

	/**
	 * Checks an image chosen for a target's container.
	 * @param target the target
	 * @param image the image chosen, with a tag or digest
	 * @return whether it may be applied, with the digest the registry answered
	 */
	public Verdict verify(Target target, ImageReference image) {
		Verification verification = target.registry().verify();
		if (verification == Verification.OFF) {
			return Verdict.unchecked();
		}
		String what = (image.digest() != null) ? "manifest " + image.digest() : "tag " + image.tag();
		Optional<String> digest;
		try {
			digest = (verification == Verification.REQUIRED) ? waitingOut(image) : this.client.manifestDigest(image);
		}
		catch (RegistryUnavailableException ex) {
			count("unavailable");
			if (verification == Verification.REQUIRED) {
				return Verdict.refused(what + " could not be verified (" + ex.getMessage()
						+ ") and registry.verify is required: nothing was deployed");
			}
			this.metrics.counter("tagrelay.registry.unverified", "registry", image.registry()).increment();
			logger.warn(target.namespace() + "/" + target.deployment() + ": applying " + image
					+ " unverified (registry.verify is best-effort): " + ex.getMessage());
			return Verdict.unverified(what + " applied unverified: " + ex.getMessage());
		}
		if (digest.isEmpty()) {
			count("missing");
			return Verdict.refused(what + " is not in the registry (" + image.registry() + " has no manifest "
					+ image.repository() + ((image.digest() != null) ? "@" + image.digest() : ":" + image.tag())
					+ "): nothing was deployed");
		}
		count("found");
		return Verdict.found(digest.get());
	}

	// a registry out of reach is asked again, at the longest backoff interval, until the
	// outage budget is spent
	private Optional<String> waitingOut(ImageReference image) {
		return this.outages.call(() -> this.client.manifestDigest(image),
				(ex) -> ex instanceof RegistryUnavailableException unavailable && unavailable.outage(), (last) -> last);
	}

	private void count(String result) {
		this.metrics.counter("tagrelay.registry.lookups", "result", result).increment();
	}

}
