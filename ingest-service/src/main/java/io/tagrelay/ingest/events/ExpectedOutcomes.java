package io.tagrelay.ingest.events;

import java.util.List;

import io.tagrelay.ingest.state.TargetStateView;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;

import org.springframework.stereotype.Component;

/**
 * Whether an event has every outcome it will get. The worker publishes one outcome per
 * container it handled, so the containers to expect follow from the event and the same
 * targets configuration:
 * <ul>
 * <li>an image request: its one container;</li>
 * <li>a push: for every target following its repository that it may move (its client's
 * scope), the named container, or, for a target that names none, at least one outcome and
 * one for every container of it that the worker last reported as existing (the state
 * topic);</li>
 * <li>an event this replica only knows from its outcomes (accepted before it started
 * remembering): the outcomes it has.</li>
 * </ul>
 */
@Component
class ExpectedOutcomes {

	private final Targets targets;

	private final TargetStateView states;

	ExpectedOutcomes(Targets targets, TargetStateView states) {
		this.targets = targets;
		this.states = states;
	}

	boolean allArrived(Remembered known) {
		List<DeploymentOutcome> outcomes = known.outcomes();
		if (known.event() instanceof ImageRequest request) {
			return has(outcomes, request.target());
		}
		if (known.event() instanceof RegistryPush push) {
			List<Target> following = this.targets.forRepository(push.repository())
				.stream()
				.filter((target) -> push.mayMove(target.namespace(), target.deployment()))
				.toList();
			return !following.isEmpty() && following.stream().allMatch((target) -> allArrived(target, outcomes));
		}
		return !outcomes.isEmpty();
	}

	private boolean allArrived(Target target, List<DeploymentOutcome> outcomes) {
		if (target.container() != null) {
			return has(outcomes, new TargetRef(target.namespace(), target.deployment(), target.container()));
		}
		boolean any = outcomes.stream()
			.anyMatch((outcome) -> target.covers(outcome.target().namespace(), outcome.target().deployment(),
					outcome.target().container()));
		return any && this.states.of(target)
			.stream()
			.filter(TargetState::exists)
			.allMatch((state) -> has(outcomes, state.target()));
	}

	private static boolean has(List<DeploymentOutcome> outcomes, TargetRef container) {
		return outcomes.stream().anyMatch((outcome) -> outcome.target().equals(container));
	}

}
