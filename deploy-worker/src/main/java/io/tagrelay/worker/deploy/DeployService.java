package io.tagrelay.worker.deploy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import io.tagrelay.worker.select.Selection;
import io.tagrelay.worker.select.TagSelector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

/**
 * Applies a deploy event to every container it concerns: a registry push to each
 * container of each target following the repository, an image request to its one
 * container. Every container gets one outcome on the results topic.
 */
@Service
public class DeployService {

	private static final Log logger = LogFactory.getLog(DeployService.class);

	private final Targets targets;

	private final DeploymentReader reader;

	private final ContainerUpdater updater;

	private final Outcomes outcomes;

	private static final TagSelector selector = new TagSelector();

	private final Fanout fanout;

	private final Clock clock;

	DeployService(Targets targets, DeploymentReader reader, ContainerUpdater updater, Outcomes outcomes, Fanout fanout,
			Clock clock) {
		this.targets = targets;
		this.reader = reader;
		this.updater = updater;
		this.outcomes = outcomes;
		this.fanout = fanout;
		this.clock = clock;
	}

	/**
	 * Applies an event.
	 * @param event the event
	 * @return the outcome of every container concerned
	 */
	public List<DeploymentOutcome> apply(DeployEvent event) {
		Instant startedAt = this.clock.instant();
		if (event instanceof RegistryPush push) {
			return applyPush(push, startedAt);
		}
		return List.of(applyRequest((ImageRequest) event, startedAt));
	}

	private List<DeploymentOutcome> applyPush(RegistryPush push, Instant startedAt) {
		List<Target> following = this.targets.forRepository(push.repository());
		if (following.isEmpty()) {
			logger.info(push.eventId() + ": no target follows " + push.repository() + "; nothing to do");
		}
		return this.fanout
			.all(following.stream()
				.<Supplier<List<DeploymentOutcome>>>map((target) -> () -> update(push, target, startedAt))
				.toList())
			.stream()
			.flatMap(List::stream)
			.toList();
	}

	private List<DeploymentOutcome> update(RegistryPush push, Target target, Instant startedAt) {
		return containersOf(target).stream()
			.map((container) -> this.updater
				.update(new UpdateRequest(push, target, container, newestTag(push, target), startedAt)))
			.toList();
	}

	/**
	 * The decision of a push for one target's container: the newest of its tags that the
	 * target's policy allows and that is newer than the running one, except the tag the
	 * container was rolled back from.
	 * @param push the push
	 * @param target the target
	 * @return the decision
	 */
	static Choice.Decision newestTag(RegistryPush push, Target target) {
		return (container) -> choose(push, target, container);
	}

	private static Choice choose(RegistryPush push, Target target, ManagedContainer container) {
		ImageReference running = container.reference();
		Selection selection = selector.select(running, push.tags(), target.tagPolicy(), container.refusedTag());
		if (!selection.chosen()) {
			logger.info(push.eventId() + ": " + target.namespace() + "/" + target.deployment() + " stays on " + running
					+ ": " + selection.reason());
			return Choice.skip(selection.reason());
		}
		return Choice.apply(running.withTag(selection.tag()));
	}

	// a missing Deployment or container is reported by the updater, under the name the
	// target would manage
	private List<String> containersOf(Target target) {
		Optional<Deployment> deployment = this.reader.read(target.namespace(), target.deployment());
		List<String> names = deployment.map((d) -> ContainerLocator.managed(d, target))
			.orElse(List.of())
			.stream()
			.map(ManagedContainer::name)
			.toList();
		return names.isEmpty() ? List.of(StateReporter.containerName(target)) : names;
	}

	private DeploymentOutcome applyRequest(ImageRequest request, Instant startedAt) {
		String container = request.target().container();
		Optional<Target> target = this.targets.find(request.target().namespace(), request.target().deployment(),
				container);
		if (target.isEmpty()) {
			Target unmanaged = new Target(request.repository(), request.target().namespace(),
					request.target().deployment(), container, null, null, null);
			return this.outcomes.failed(new UpdateRequest(request, unmanaged, container, null, startedAt), null,
					request.image(), "container " + request.target().key() + " is not a configured target");
		}
		UpdateRequest update = new UpdateRequest(request, target.get(), container,
				(current) -> chooseRequested(request, target.get(), current.reference()), startedAt);
		return this.updater.update(update);
	}

	private static Choice chooseRequested(ImageRequest request, Target target, ImageReference running) {
		ImageReference wanted;
		try {
			wanted = target.requireOwnImage(request.image());
		}
		catch (IllegalArgumentException ex) {
			return Choice.skip(ex.getMessage());
		}
		return wanted.equals(running) ? Choice.skip("container already runs " + running) : Choice.apply(wanted);
	}

}
