package io.tagrelay.worker.deploy;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagrelay.model.event.DeploymentOutcome;

import org.springframework.stereotype.Component;

/**
 * The worker's deployment metrics: {@code tagrelay.deployments} (counter, tagged
 * {@code result=updated|failed|skipped}) and {@code tagrelay.rollout.duration} (timer,
 * tagged {@code result=succeeded|failed}); a scan's push that changes nothing is counted
 * as {@code tagrelay.scan.unchanged}, not as a deployment.
 */
@Component
class WorkerMetrics {

	private final MeterRegistry registry;

	WorkerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void outcome(DeploymentOutcome outcome) {
		this.registry.counter("tagrelay.deployments", "result", outcome.result().name().toLowerCase(Locale.ROOT))
			.increment();
	}

	void scannedUnchanged() {
		this.registry.counter("tagrelay.scan.unchanged").increment();
	}

	void rollout(Duration duration, boolean succeeded) {
		Timer.builder("tagrelay.rollout.duration")
			.description("Time from the image patch to the end of the rollout wait")
			.tag("result", succeeded ? "succeeded" : "failed")
			.register(this.registry)
			.record(duration);
	}

}
