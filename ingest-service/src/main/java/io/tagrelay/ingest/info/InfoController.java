package io.tagrelay.ingest.info;

import io.tagrelay.ingest.config.InfoSwitch;
import io.tagrelay.ingest.info.InfoView.TargetView;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.state.TargetStateView;
import io.tagrelay.model.target.Targets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * updatekate's {@code GET /info}: the managed Deployments' state. Off unless
 * {@code tagrelay.ingest.info.enabled} or {@code UK_INFO} turns it on.
 */
@RestController
class InfoController {

	private final boolean enabled;

	private final Targets targets;

	private final TargetStateView states;

	InfoController(InfoSwitch infoSwitch, Targets targets, TargetStateView states) {
		this.enabled = infoSwitch.enabled();
		this.targets = targets;
		this.states = states;
	}

	@GetMapping("/info")
	InfoView info() {
		if (!this.enabled) {
			throw Problems.notFound("/info is off; tagrelay.ingest.info.enabled=true (or UK_INFO=true) turns it on");
		}
		return new InfoView(
				this.targets.all().stream().map((target) -> TargetView.of(target, this.states.of(target))).toList());
	}

}
