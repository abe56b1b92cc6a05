package io.tagrelay.ingest.deployment;

import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.state.TargetStateView;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.image.ImageReference;
import org.semver4j.Semver;

/**
 * Refuses an image request of a client without {@code downgrade} whose image is older
 * than the one running, by the semver of their tags, as the worker last reported it. A
 * version that cannot be compared (no tag, a tag that is not semver, on either side) is
 * refused too: only a client with {@code downgrade} may set it.
 */
final class Downgrades {

	private final TargetStateView states;

	Downgrades(TargetStateView states) {
		this.states = states;
	}

	void requireNotOlder(TargetRef ref, ImageReference wanted, Client client) {
		TargetState state = this.states.find(ref)
			.orElseThrow(() -> Problems.unavailable("state not yet known: the worker has not reported " + ref.key()
					+ " yet, and client " + client.name() + " may not downgrade", RolloutWaiter.RETRY));
		if (!state.exists()) {
			throw Problems.notFound("the worker found no container " + ref.key() + " in the cluster");
		}
		Semver running = version(ImageReference.parse(state.image()));
		Semver asked = version(wanted);
		if (running == null || asked == null) {
			throw Problems.forbidden("client " + client.name() + " may not downgrade, and " + wanted
					+ " cannot be compared with the running " + state.image() + " by semver");
		}
		if (asked.isLowerThan(running)) {
			throw Problems.forbidden("client " + client.name() + " may not downgrade " + ref.key() + " from "
					+ state.image() + " to " + wanted + ": its tagrelay.ingest.clients[n].downgrade is false");
		}
	}

	private static Semver version(ImageReference image) {
		return (image.tag() != null) ? Semver.parse(image.tag()) : null;
	}

}
