package io.tagrelay.worker.deploy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import io.tagrelay.worker.cluster.ClusterUnavailableException;
import io.tagrelay.worker.patch.ChangeMark;
import io.tagrelay.worker.registry.TagVerifier;
import io.tagrelay.worker.registry.Verdict;
import io.tagrelay.worker.select.Selection;
import io.tagrelay.worker.select.TagSelector;
import io.tagrelay.worker.state.StateReporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Applies the pushes of one repository that arrived in one poll, a run of one or more, to
 * every container of every target following the repository: the only path a push takes.
 * For each container the newest tag of the run that the target allows is applied for the
 * last push that carries it, through the {@link ContainerUpdater} (so the resume check
 * after a crash holds on every path), and every other push gets a {@code SKIPPED} outcome
 * saying which event superseded it. The end state is the one that applying them one by
 * one would reach, with one read, at most one patch and one rollout wait instead of one
 * per push:
 * <ul>
 * <li>the push that made the running image (its change mark says so) goes first: it was
 * applied before the worker died, and its redelivery resumes the rollout wait;</li>
 * <li>when the winner's rollout fails and is rolled back, its tag is refused from then on
 * and the next best of the other pushes is tried, as one by one would have ended on
 * it;</li>
 * <li>a failure that is not rolled back ends the run there: the container stays on the
 * newest tag, as one by one would have left it;</li>
 * <li>a tag the registry refuses ({@link TagVerifier}: not there, or not confirmed when
 * the target requires it) is never applied: the next best tag is tried, and a push whose
 * newest tag was refused gets a {@code FAILED} outcome saying so (its webhook tells the
 * receiver nothing was deployed) unless another tag of it is applied;</li>
 * <li>for a target with {@code track-digest}, a run with no newer tag that names the
 * running tag again asks the registry for that tag's digest: a new one is applied as
 * {@code repository:tag@digest} (the only safe way to follow a mutable tag such as
 * {@code latest}), the same one skips every push, and one the registry cannot confirm is
 * refused.</li>
 * </ul>
 */
@Component
class PushHandler {

	private static final Log logger = LogFactory.getLog(PushHandler.class);

	private static final TagSelector selector = new TagSelector();

	private final Targets targets;

	private final DeploymentReader reader;

	private final ContainerUpdater updater;

	private final Outcomes outcomes;

	private final Fanout fanout;

	private final Clock clock;

	private final TagVerifier verifier;

	PushHandler(Targets targets, DeploymentReader reader, ContainerUpdater updater, Outcomes outcomes,
			@Qualifier(FanoutConfiguration.TARGETS) Fanout fanout, Clock clock, TagVerifier verifier) {
		this.verifier = verifier;
		this.targets = targets;
		this.reader = reader;
		this.updater = updater;
		this.outcomes = outcomes;
		this.fanout = fanout;
		this.clock = clock;
	}

	/**
	 * Applies the pushes, in the order they were published, all for one repository.
	 * @param pushes the pushes
	 */
	void apply(List<RegistryPush> pushes) {
		Instant startedAt = this.clock.instant();
		List<Target> following = this.targets.forRepository(pushes.get(0).repository());
		if (following.isEmpty()) {
			logger.info(pushes.size() + " push(es) of " + pushes.get(0).repository()
					+ ": no target follows it; nothing to do");
		}
		List<Runnable> updates = new ArrayList<>();
		for (Target target : following) {
			// a scoped client's push moves only the Deployments of its scope
			List<RegistryPush> allowed = pushes.stream()
				.filter((push) -> push.mayMove(target.namespace(), target.deployment()))
				.toList();
			if (allowed.isEmpty()) {
				logger.info(target.namespace() + "/" + target.deployment() + ": " + pushes.size() + " push(es) of "
						+ pushes.get(0).repository() + " by clients whose scope leaves it out; not moved");
			}
			else {
				updates.add(() -> apply(allowed, target, startedAt));
			}
		}
		this.fanout.each(updates);
	}

	private void apply(List<RegistryPush> pushes, Target target, Instant startedAt) {
		Optional<Deployment> deployment;
		try {
			deployment = this.reader.read(target.namespace(), target.deployment());
		}
		catch (ClusterUnavailableException ex) {
			String name = StateReporter.containerName(target);
			pushes.forEach((push) -> this.outcomes.failed(request(push, target, name, startedAt), null, null,
					ex.getMessage()));
			return;
		}
		List<ManagedContainer> containers = deployment.map((d) -> ContainerLocator.managed(d, target))
			.orElse(List.of());
		if (containers.isEmpty()) {
			// reported by the updater, one outcome per push, as when they come one by one
			String name = StateReporter.containerName(target);
			pushes.forEach(
					(push) -> this.updater.update(request(push, target, name, startedAt), deployment.orElse(null)));
			return;
		}
		// the first container starts from this read; each later one reads what the
		// patches
		// before it left
		Deployment read = deployment.get();
		for (ManagedContainer container : containers) {
			apply(pushes, target, container.name(), read, startedAt);
			read = null;
		}
	}

	private void apply(List<RegistryPush> pushes, Target target, String container, Deployment first,
			Instant startedAt) {
		List<RegistryPush> left = new ArrayList<>(pushes);
		Refusals refusals = new Refusals();
		Deployment read = first;
		// a push applied before a crash and resumed in this run: what the older pushes
		// left over are superseded by
		Winner resumedWinner = null;
		DeploymentOutcome resumedOutcome = null;
		while (!left.isEmpty()) {
			Optional<Deployment> deployment = (read != null) ? Optional.of(read)
					: this.reader.read(target.namespace(), target.deployment());
			read = null;
			Optional<ManagedContainer> managed = deployment
				.flatMap((d) -> ContainerLocator.named(d, target, container));
			if (managed.isEmpty()) {
				// gone in between: each push is told why
				left.forEach((push) -> this.updater.update(request(push, target, container, startedAt, refusals)));
				return;
			}
			Optional<RegistryPush> resumed = resumed(left, deployment.get(), container);
			Winner winner = resumed.map((push) -> new Winner(push, null))
				.or(() -> newest(left, target, managed.get(), refusals))
				.orElse(null);
			if (winner == null) {
				if (resumedWinner != null) {
					supersede(left, resumedWinner, resumedOutcome, target, container, managed.get(), startedAt,
							refusals);
				}
				else {
					skipAll(left, target, managed.get(), startedAt, refusals);
				}
				return;
			}
			UpdateRequest request = request(winner.push(), target, container, startedAt, refusals);
			if (winner.tag() != null) {
				ImageReference image = managed.get().reference().withTag(winner.tag());
				Verdict verdict = tracked(target, managed.get(), winner, this.verifier.verify(target, image));
				if (!verdict.applies()) {
					// the next best tag, from the same read
					refusals.put(winner.tag(), verdict.reason());
					read = deployment.get();
					continue;
				}
				if (winner.movesDigest(managed.get()) && verdict.digest().equals(managed.get().reference().digest())) {
					skipUnmoved(left, target, managed.get(), startedAt, refusals, verdict.digest());
					return;
				}
				request = request.checked(image, verdict);
			}
			DeploymentOutcome outcome = this.updater.update(request, deployment.get());
			left.remove(winner.push());
			boolean rolledBack = outcome.result() == Result.FAILED && Boolean.TRUE.equals(outcome.rolledBack());
			if (resumed.isEmpty() && !rolledBack) {
				supersede(left, winner, outcome, target, container, managed.get(), startedAt, refusals);
				return;
			}
			if (resumed.isPresent() && !rolledBack) {
				resumedWinner = new Winner(winner.push(), outcome.tag());
				resumedOutcome = outcome;
			}
		}
	}

	// the push of the run whose change the container runs: applied before a crash
	private static Optional<RegistryPush> resumed(List<RegistryPush> pushes, Deployment deployment, String container) {
		return ChangeMark.of(deployment, container)
			.flatMap((mark) -> pushes.stream().filter((push) -> mark.madeBy(push.eventId())).findFirst());
	}

	// the last push carrying the newest tag of the run that the target allows and the
	// registry did not refuse; for a target tracking digests, else the last push carrying
	// the running tag
	private static Optional<Winner> newest(List<RegistryPush> pushes, Target target, ManagedContainer container,
			Refusals refusals) {
		List<String> allTags = pushes.stream()
			.flatMap((push) -> push.tags().stream())
			.distinct()
			.filter((tag) -> !refusals.refused(tag))
			.toList();
		Selection newest = selector.select(container.reference(), allTags, target.tagPolicy(), container.refusedTag());
		String tag = newest.chosen() ? newest.tag() : trackedTag(target, container, allTags);
		if (tag == null) {
			return Optional.empty();
		}
		return pushes.stream()
			.filter((push) -> push.tags().contains(tag))
			.reduce((earlier, later) -> later)
			.map((push) -> new Winner(push, tag));
	}

	// the running tag, if the target tracks its digest and a push names it again
	private static String trackedTag(Target target, ManagedContainer container, List<String> tags) {
		String running = container.reference().tag();
		return (target.trackDigest() && running != null && tags.contains(running)) ? running : null;
	}

	// a tracked tag moves only to a digest the registry answered: one it could not
	// confirm is refused, never applied as a bare tag
	private static Verdict tracked(Target target, ManagedContainer container, Winner winner, Verdict verdict) {
		if (!winner.movesDigest(container) || !verdict.applies() || verdict.digest() != null) {
			return verdict;
		}
		return Verdict.refused("tag " + winner.tag() + " could not be verified (" + verdict.reason()
				+ ") and track-digest moves only to a digest the registry answered: nothing was deployed");
	}

	// the running tag still points to the digest that runs: nothing to move
	private void skipUnmoved(List<RegistryPush> pushes, Target target, ManagedContainer container, Instant startedAt,
			Refusals refusals, String digest) {
		String unmoved = "tag " + container.reference().tag() + " still points to " + digest + ", which runs";
		this.outcomes.skippedAll(requests(pushes, target, container.name(), startedAt, refusals), container.image(),
				(request) -> Optional
					.ofNullable(choose((RegistryPush) request.event(), target, container, refusals).reason())
					.orElse(unmoved));
	}

	private void skipAll(List<RegistryPush> pushes, Target target, ManagedContainer container, Instant startedAt,
			Refusals refusals) {
		List<RegistryPush> skipped = failRefused(pushes, target, container, container.image(), startedAt, refusals);
		this.outcomes.skippedAll(requests(skipped, target, container.name(), startedAt, refusals), container.image(),
				(request) -> choose((RegistryPush) request.event(), target, container, refusals).reason());
	}

	private void supersede(List<RegistryPush> pushes, Winner winner, DeploymentOutcome outcome, Target target,
			String container, ManagedContainer before, Instant startedAt, Refusals refusals) {
		String runs = (outcome.result() == Result.UPDATED) ? outcome.image() : outcome.previousImage();
		String current = (runs != null) ? runs : before.image();
		List<RegistryPush> superseded = failRefused(pushes, target, before, current, startedAt, refusals);
		if (superseded.isEmpty()) {
			return;
		}
		String reason = "superseded by " + winner.push().eventId() + " (tag " + winner.tag()
				+ "), the newest allowed of " + (pushes.size() + 1) + " pushes handled together";
		this.outcomes.skippedAll(requests(superseded, target, container, startedAt, refusals), current,
				(request) -> reason);
		logger.info(target.namespace() + "/" + target.deployment() + "/" + container + ": " + (pushes.size() + 1)
				+ " pushes collapsed into " + winner.push().eventId() + " (" + outcome.result() + ")");
	}

	// a FAILED outcome for each push whose newest allowed tag the registry refused and
	// that has no other tag to apply; the other pushes are returned
	private List<RegistryPush> failRefused(List<RegistryPush> pushes, Target target, ManagedContainer container,
			String current, Instant startedAt, Refusals refusals) {
		List<RegistryPush> others = new ArrayList<>();
		for (RegistryPush push : pushes) {
			Choice choice = choose(push, target, container, Refusals.NONE);
			String refused = choice.skipped() ? null : refusals.reason(choice.image().tag());
			if (refused != null && choose(push, target, container, refusals).skipped()) {
				this.outcomes.failed(request(push, target, container.name(), startedAt, refusals), current,
						choice.image().toString(), refused);
			}
			else {
				others.add(push);
			}
		}
		return others;
	}

	private static List<UpdateRequest> requests(List<RegistryPush> pushes, Target target, String container,
			Instant startedAt, Refusals refusals) {
		return pushes.stream().map((push) -> request(push, target, container, startedAt, refusals)).toList();
	}

	private static UpdateRequest request(RegistryPush push, Target target, String container, Instant startedAt) {
		return request(push, target, container, startedAt, Refusals.NONE);
	}

	private static UpdateRequest request(RegistryPush push, Target target, String container, Instant startedAt,
			Refusals refusals) {
		return new UpdateRequest(push, target, container, (current) -> choose(push, target, current, refusals),
				startedAt);
	}

	/**
	 * The decision of a push for one target's container: the newest of its tags that the
	 * target's policy allows and that is newer than the running one, except the tag the
	 * container was rolled back from.
	 * @param push the push
	 * @param target the target
	 * @param container the container as read
	 * @return the decision
	 */
	static Choice choose(RegistryPush push, Target target, ManagedContainer container) {
		return choose(push, target, container, Refusals.NONE);
	}

	private static Choice choose(RegistryPush push, Target target, ManagedContainer container, Refusals refusals) {
		ImageReference running = container.reference();
		List<String> tags = push.tags().stream().filter((tag) -> !refusals.refused(tag)).toList();
		if (tags.isEmpty()) {
			return Choice.skip(refusals.reason(push.tags().get(0)));
		}
		Selection selection = selector.select(running, tags, target.tagPolicy(), container.refusedTag());
		if (selection.chosen()) {
			return Choice.apply(running.withTag(selection.tag()));
		}
		String tracked = trackedTag(target, container, tags);
		// the tracked tag, pinned by the updater to the digest the registry answers now
		return (tracked != null) ? Choice.apply(running.withTag(tracked)) : Choice.skip(selection.reason());
	}

	/**
	 * The push a run applies for a container, and the tag it was chosen for.
	 *
	 * @param push the push
	 * @param tag the tag, or {@code null} when the push is resumed
	 */
	private record Winner(RegistryPush push, String tag) {

		// whether it names the running tag again, for a target tracking its digest
		boolean movesDigest(ManagedContainer container) {
			return this.tag != null && this.tag.equals(container.reference().tag());
		}

	}

	/**
	 * The tags of a run the registry refused for one container, and why.
	 */
	private static final class Refusals {

		static final Refusals NONE = new Refusals();

		private final Map<String, String> reasons = new LinkedHashMap<>();

		void put(String tag, String reason) {
			this.reasons.put(tag, reason);
		}

		boolean refused(String tag) {
			return this.reasons.containsKey(tag);
		}

		String reason(String tag) {
			return this.reasons.get(tag);
		}

	}

}
