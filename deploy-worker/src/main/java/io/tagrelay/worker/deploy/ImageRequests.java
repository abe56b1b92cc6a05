package io.tagrelay.worker.deploy;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;

import org.springframework.stereotype.Component;

/**
 * Applies an image request ({@code POST /deployment}) to its one container: the image
 * asked for, if it is from the target's repository, whatever its tag (a person asked for
 * it by name: downgrades and a tag that was rolled back included).
 */
@Component
class ImageRequests {

	private final Targets targets;

	private final ContainerUpdater updater;

	private final Outcomes outcomes;

	private final Clock clock;

	ImageRequests(Targets targets, ContainerUpdater updater, Outcomes outcomes, Clock clock) {
		this.targets = targets;
		this.updater = updater;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	/**
	 * Applies a request.
	 * @param request the request
	 * @return the outcome of its container
	 */
	DeploymentOutcome apply(ImageRequest request) {
		Instant startedAt = this.clock.instant();
		String container = request.target().container();
		Optional<Target> target = find(this.targets, request);
		if (target.isEmpty()) {
			return this.outcomes.failed(new UpdateRequest(request, unmanaged(request), container, null, startedAt),
					null, request.image(), "container " + request.target().key() + " is not a configured target");
		}
		return this.updater.update(new UpdateRequest(request, target.get(), container,
				(current) -> choose(request, target.get(), current.reference()), startedAt));
	}

	/**
	 * Skips a request that a later one for the same container supersedes: only the latest
	 * is applied.
	 * @param request the earlier request
	 * @param later the later one
	 * @return the skip, published
	 */
	DeploymentOutcome supersede(ImageRequest request, ImageRequest later) {
		Target target = targetOf(this.targets, request);
		return this.outcomes.skipped(
				new UpdateRequest(request, target, request.target().container(), null, this.clock.instant()), null,
				"superseded by the later request " + later.eventId() + " for " + later.image());
	}

	/**
	 * The target a request names, or, if it names no configured one, a target of its
	 * container alone, for the outcome that says so.
	 * @param targets the configured targets
	 * @param request the request
	 * @return the target
	 */
	static Target targetOf(Targets targets, ImageRequest request) {
		return find(targets, request).orElseGet(() -> unmanaged(request));
	}

	private static Optional<Target> find(Targets targets, ImageRequest request) {
		return targets.find(request.target().namespace(), request.target().deployment(), request.target().container());
	}

	private static Target unmanaged(ImageRequest request) {
		return Target.of(request.repository(), request.target().namespace(), request.target().deployment(),
				request.target().container());
	}

	private static Choice choose(ImageRequest request, Target target, ImageReference running) {
		ImageReference wanted;
		try {
			wanted = target.requireOwnImage(request.image());
		}
		catch (IllegalArgumentException ex) {
			return Choice.skip(ex.getMessage());
		}
		Choice choice = Choice.apply(wanted);
		return choice.runs(running) ? Choice.skip("container already runs " + running) : choice;
	}

}
