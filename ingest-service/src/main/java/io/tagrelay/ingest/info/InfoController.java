package io.tagrelay.ingest.info;

import java.util.List;

import io.tagrelay.ingest.config.InfoSwitch;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.state.TargetStateView;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * updatekate's {@code GET /info}: the managed Deployments' state. Off unless
 * {@code tagrelay.ingest.info.enabled} or {@code UK_INFO} turns it on.
 */
@RestController
class InfoController {

	private final InfoSwitch infoSwitch;

	private final Targets targets;

	private final TargetStateView states;

	InfoController(InfoSwitch infoSwitch, Targets targets, TargetStateView states) {
		this.infoSwitch = infoSwitch;
		this.targets = targets;
		this.states = states;
	}

	@GetMapping("/info")
	Info info() {
		if (!this.infoSwitch.enabled()) {
			throw Problems.notFound("/info is off; tagrelay.ingest.info.enabled=true (or UK_INFO=true) turns it on");
		}
		return new Info(this.targets.all().stream().map(this::describe).toList());
	}

	private TargetInfo describe(Target target) {
		return new TargetInfo(target.repository(), target.namespace(), target.deployment(), target.container(),
				this.states.of(target));
	}

	record Info(List<TargetInfo> targets) {
	}

	record TargetInfo(String repository, String namespace, String deployment, String container,
			List<TargetState> containers) {
	}

}
