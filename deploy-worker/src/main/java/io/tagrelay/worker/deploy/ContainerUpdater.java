package io.tagrelay.worker.deploy;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.worker.patch.ImageConflictException;
import io.tagrelay.worker.patch.ImagePatcher;
import io.tagrelay.worker.rollout.RolloutResult;
import io.tagrelay.worker.rollout.RolloutWatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Brings one container to the image its decision picks: reads the Deployment, decides,
 * patches with a {@code test} op on the image read (re-reading and deciding again when
 * someone changed it in between), waits for the rollout, rolls back on failure if the
 * target asks for it, and reports the outcome.
 */
@Component
class ContainerUpdater {

	static final int MAX_DECISIONS = 3;

	private static final Log logger = LogFactory.getLog(ContainerUpdater.class);

	private final DeploymentReader reader;

	private final ImagePatcher patcher;

	private final RolloutWatcher watcher;

	private final Outcomes outcomes;

	private final StateReporter state;

	private final WorkerMetrics metrics;

	ContainerUpdater(DeploymentReader reader, ImagePatcher patcher, RolloutWatcher watcher, Outcomes outcomes,
			StateReporter state, WorkerMetrics metrics) {
		this.reader = reader;
		this.patcher = patcher;
		this.watcher = watcher;
		this.outcomes = outcomes;
		this.state = state;
		this.metrics = metrics;
	}

	DeploymentOutcome update(UpdateRequest request) {
		for (int attempt = 1; attempt <= MAX_DECISIONS; attempt++) {
			Target target = request.target();
			Optional<Deployment> deployment = this.reader.read(target.namespace(), target.deployment());
			if (deployment.isEmpty()) {
				return this.outcomes.failed(request, null, null,
						"deployment " + target.namespace() + "/" + target.deployment() + " not found");
			}
			Optional<ManagedContainer> container = ContainerLocator.named(deployment.get(), target,
					request.container());
			if (container.isEmpty()) {
				return this.outcomes.failed(request, null, null,
						ContainerLocator.whyNotFound(deployment.get(), target, request.container()));
			}
			Optional<DeploymentOutcome> outcome = tryUpdate(request, container.get());
			if (outcome.isPresent()) {
				return outcome.get();
			}
		}
		return this.outcomes.failed(request, null, null,
				"the image changed concurrently " + MAX_DECISIONS + " times; gave up");
	}

	private Optional<DeploymentOutcome> tryUpdate(UpdateRequest request, ManagedContainer container) {
		Choice choice = request.decision().decide(container.reference());
		if (choice.skipped()) {
			return Optional.of(this.outcomes.skipped(request, container.image(), choice.reason()));
		}
		try {
			patch(request, container, container.image(), choice.image().toString());
		}
		catch (ImageConflictException ex) {
			logger.info(request.ref().key() + ": " + ex.getMessage() + "; reading it again");
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.of(this.outcomes.failed(request, container.image(), choice.image().toString(),
					"patch failed: " + ex.getMessage()));
		}
		this.state.report(request.target());
		return Optional.of(awaitRollout(request, container, choice.image()));
	}

	private DeploymentOutcome awaitRollout(UpdateRequest request, ManagedContainer container, ImageReference image) {
		Target target = request.target();
		RolloutResult result = this.watcher.await(target.namespace(), target.deployment(), target.rollout());
		this.metrics.rollout(result.duration(), result.succeeded());
		if (result.succeeded()) {
			this.state.report(target);
			return this.outcomes.updated(request, container.image(), image);
		}
		String reason = result.reason();
		if (target.rollout().rollbackOnFailure()) {
			reason += rollBack(request, container, image.toString());
		}
		this.state.report(target);
		return this.outcomes.failed(request, container.image(), image.toString(), reason);
	}

	private String rollBack(UpdateRequest request, ManagedContainer container, String image) {
		try {
			patch(request, container, image, container.image());
			return "; rolled back to " + container.image();
		}
		catch (RuntimeException ex) {
			logger.warn(request.ref().key() + ": rollback to " + container.image() + " failed: " + ex.getMessage());
			return "; rollback to " + container.image() + " failed: " + ex.getMessage();
		}
	}

	private void patch(UpdateRequest request, ManagedContainer container, String expected, String image) {
		Target target = request.target();
		this.patcher.replaceImage(target.namespace(), target.deployment(), container.index(), expected, image);
	}

}
