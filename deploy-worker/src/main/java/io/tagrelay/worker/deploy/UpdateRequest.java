package io.tagrelay.worker.deploy;

import java.time.Instant;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.target.Target;

/**
 * One container to bring to the image a decision picks.
 *
 * @param event the event being handled
 * @param target the target managing the container
 * @param container the container's name
 * @param decision what to set, given what runs
 * @param startedAt when handling of the event started
 */
record UpdateRequest(DeployEvent event, Target target, String container, Choice.Decision decision, Instant startedAt) {

	TargetRef ref() {
		return new TargetRef(this.target.namespace(), this.target.deployment(), this.container);
	}

}
