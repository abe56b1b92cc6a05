package io.tagrelay.worker.deploy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import io.tagrelay.worker.select.Selection;
import io.tagrelay.worker.select.TagSelector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Applies a run of pushes for one repository that arrived in one poll as one update per
 * container: the newest tag among all of them that the target allows is applied for the
 * last push that carries it, and every other push gets a {@code SKIPPED} outcome saying
 * which event superseded it. The end state is the one that applying them one by one would
 * reach (the tag selection never downgrades), with one read, at most one patch and one
 * rollout wait instead of one per push.
 */
@Component
class PushCollapser {

	private static final Log logger = LogFactory.getLog(PushCollapser.class);

	private final TagSelector selector = new TagSelector();

	private final Targets targets;

	private final DeploymentReader reader;

	private final ContainerUpdater updater;

	private final Outcomes outcomes;

	private final Fanout fanout;

	private final Clock clock;

	PushCollapser(Targets targets, DeploymentReader reader, ContainerUpdater updater, Outcomes outcomes, Fanout fanout,
			Clock clock) {
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
		this.fanout.each(this.targets.forRepository(pushes.get(0).repository())
			.stream()
			.<Runnable>map((target) -> () -> apply(pushes, target, startedAt))
			.toList());
	}

	private void apply(List<RegistryPush> pushes, Target target, Instant startedAt) {
		Optional<Deployment> deployment = this.reader.read(target.namespace(), target.deployment());
		List<ManagedContainer> containers = deployment.map((d) -> ContainerLocator.managed(d, target))
			.orElse(List.of());
		if (containers.isEmpty()) {
			// reported by the updater, one outcome per push, as when they come one by one
			String name = StateReporter.containerName(target);
			pushes.forEach((push) -> this.updater.update(request(push, target, name, startedAt)));
		}
		containers.forEach((container) -> apply(pushes, target, container, startedAt));
	}

	private void apply(List<RegistryPush> pushes, Target target, ManagedContainer container, Instant startedAt) {
		List<String> allTags = pushes.stream().flatMap((push) -> push.tags().stream()).distinct().toList();
		Selection newest = this.selector.select(container.reference(), allTags, target.tagPolicy(),
				container.refusedTag());
		if (!newest.chosen()) {
			List<UpdateRequest> skipped = pushes.stream()
				.map((push) -> request(push, target, container.name(), startedAt))
				.toList();
			this.outcomes
				.skippedAll(skipped, container.image(),
						(request) -> this.selector.select(container.reference(),
								((RegistryPush) request.event()).tags(), target.tagPolicy(), container.refusedTag())
							.reason());
			return;
		}
		RegistryPush winner = pushes.stream()
			.filter((push) -> push.tags().contains(newest.tag()))
			.reduce((first, second) -> second)
			.orElseThrow();
		DeploymentOutcome outcome = this.updater.update(request(winner, target, container.name(), startedAt));
		List<UpdateRequest> superseded = pushes.stream()
			.filter((push) -> push != winner)
			.map((push) -> request(push, target, container.name(), startedAt))
			.toList();
		String runs = (outcome.result() == Result.UPDATED) ? outcome.image() : outcome.previousImage();
		String reason = "superseded by " + winner.eventId() + " (tag " + newest.tag() + "), the newest allowed of "
				+ pushes.size() + " pushes handled together";
		this.outcomes.skippedAll(superseded, (runs != null) ? runs : container.image(), (request) -> reason);
		logger.info(target.namespace() + "/" + target.deployment() + "/" + container.name() + ": " + pushes.size()
				+ " pushes collapsed into " + winner.eventId() + " (" + outcome.result() + ")");
	}

	private static UpdateRequest request(RegistryPush push, Target target, String container, Instant startedAt) {
		return new UpdateRequest(push, target, container, DeployService.newestTag(push, target), startedAt);
	}

}
