package io.tagrelay.worker.deploy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.resilience4j.retry.Retry;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.worker.cluster.ClusterCalls;
import io.tagrelay.worker.cluster.ClusterUnavailableException;
import io.tagrelay.worker.cluster.HandlingAbandonedException;
import io.tagrelay.worker.patch.ChangeMark;
import io.tagrelay.worker.patch.ImageConflictException;
import io.tagrelay.worker.patch.ImagePatcher;
import io.tagrelay.worker.registry.TagVerifier;
import io.tagrelay.worker.registry.Verdict;
import io.tagrelay.worker.rollout.RolloutResult;
import io.tagrelay.worker.rollout.RolloutWatcher;
import io.tagrelay.worker.state.StateReporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Brings one container to the image its decision picks: reads the Deployment, decides,
 * asks the registry whether it has the image ({@link TagVerifier}, as the target's
 * {@code registry.verify} says; a refused image is a {@code FAILED} outcome and nothing
 * is patched), pins the digest the registry answered if the target asks for it, patches
 * with a {@code test} op on the image read (re-reading and deciding again, with the
 * backoff of {@code tagrelay.cluster.retry.*}, when someone changed it in between or the
 * API server answered 409), waits for the rollout, rolls back on failure if the target
 * asks for it, and reports the outcome.
 * <p>
 * The patch marks the Deployment with the event that made the change
 * ({@link ChangeMark}). An event delivered again after the worker died between its patch
 * and its outcome finds the container already on the image it would choose and its own
 * mark: it goes on with the rollout wait and reports {@code UPDATED}, so the success
 * webhook is not lost.
 */
@Component
class ContainerUpdater {

	private static final Log logger = LogFactory.getLog(ContainerUpdater.class);

	private final DeploymentReader reader;

	private final ImagePatcher patcher;

	private final RolloutWatcher watcher;

	private final Outcomes outcomes;

	private final StateReporter state;

	private final WorkerMetrics metrics;

	private final Retry conflicts;

	private final ClusterCalls calls;

	private final TagVerifier verifier;

	ContainerUpdater(DeploymentReader reader, ImagePatcher patcher, RolloutWatcher watcher, Outcomes outcomes,
			StateReporter state, WorkerMetrics metrics, ClusterCalls calls, TagVerifier verifier) {
		this.reader = reader;
		this.verifier = verifier;
		this.patcher = patcher;
		this.watcher = watcher;
		this.outcomes = outcomes;
		this.state = state;
		this.metrics = metrics;
		this.conflicts = calls.retry("conflict", ImageConflictException.class::isInstance);
		this.calls = calls;
	}

	DeploymentOutcome update(UpdateRequest request) {
		return update(request, null);
	}

	/**
	 * Brings a container to the image its decision picks, starting from a Deployment
	 * already read (it is read again only if someone changed it in between).
	 * @param request the update
	 * @param read the Deployment as just read, or {@code null} to read it
	 * @return the outcome, published
	 */
	DeploymentOutcome update(UpdateRequest request, Deployment read) {
		AtomicReference<Deployment> first = new AtomicReference<>(read);
		AtomicBoolean again = new AtomicBoolean();
		try {
			return this.conflicts.executeSupplier(() -> attempt(request, first.getAndSet(null), again.getAndSet(true)));
		}
		catch (ClusterUnavailableException ex) {
			return this.outcomes.failed(request, null, null, ex.getMessage());
		}
		catch (ImageConflictException ex) {
			return this.outcomes.failed(request, null, null, "the Deployment changed concurrently "
					+ this.conflicts.getRetryConfig().getMaxAttempts() + " times; gave up (" + ex.getMessage() + ")");
		}
	}

	// one read, decision and patch; throws ImageConflictException to be run again
	// after a refused patch, what the API server has now: the cache may lag behind
	private DeploymentOutcome attempt(UpdateRequest request, Deployment read, boolean again) {
		Target target = request.target();
		Optional<Deployment> deployment = (read != null) ? Optional.of(read)
				: again ? this.reader.readFresh(target.namespace(), target.deployment())
						: this.reader.read(target.namespace(), target.deployment());
		if (deployment.isEmpty()) {
			return this.outcomes.failed(request, null, null,
					"deployment " + target.namespace() + "/" + target.deployment() + " not found");
		}
		Optional<ManagedContainer> container = ContainerLocator.named(deployment.get(), target, request.container());
		if (container.isEmpty()) {
			return this.outcomes.failed(request, null, null,
					ContainerLocator.whyNotFound(deployment.get(), target, request.container()));
		}
		return tryUpdate(request, deployment.get(), container.get());
	}

	private DeploymentOutcome tryUpdate(UpdateRequest request, Deployment deployment, ManagedContainer container) {
		Choice choice = request.decision().decide(container);
		if (choice.skipped()) {
			Optional<ManagedContainer> resumed = resumed(request, deployment, container);
			if (resumed.isPresent()) {
				logger.info(request.ref().key() + ": " + request.event().eventId() + " already set " + container.image()
						+ " before it was delivered again; waiting for the rollout");
				return awaitRollout(request, resumed.get(), container.reference(), container.reference().digest(),
						deployment);
			}
			return this.outcomes.skipped(request, container.image(), choice.reason());
		}
		Verdict verdict = request.verdictOn(choice.image())
			.orElseGet(() -> this.verifier.verify(request.target(), choice.image()));
		if (!verdict.applies()) {
			return this.outcomes.failed(request, container.image(), choice.image().toString(), verdict.reason());
		}
		ImageReference image = verdict.image(choice.image(), request.target().pinDigest());
		Deployment patched;
		try {
			patched = this.patcher.replaceImage(deployment, container.index(), image.toString(),
					new ChangeMark(request.event().eventId(), container.name(), container.image()));
		}
		catch (ImageConflictException ex) {
			logger.info(request.ref().key() + ": " + ex.getMessage() + "; reading it again");
			throw ex;
		}
		catch (HandlingAbandonedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			return this.outcomes.failed(request, container.image(), image.toString(),
					"patch failed: " + ClusterCalls.reason(ex));
		}
		this.state.report(request.target(), patched);
		return awaitRollout(request, container, image, verdict.digest(), patched);
	}

	// the container as it was before this event changed it, if the Deployment's mark says
	// that this event did, and the event would still choose the image that runs now
	private static Optional<ManagedContainer> resumed(UpdateRequest request, Deployment deployment,
			ManagedContainer container) {
		return ChangeMark.of(deployment, container.name())
			.filter((mark) -> mark.madeBy(request.event().eventId()))
			.map((mark) -> container.running(mark.previousImage()))
			.filter((before) -> wouldSet(request, before, container.image()));
	}

	// the image running may carry the digest a pinning target added to the choice
	private static boolean wouldSet(UpdateRequest request, ManagedContainer before, String running) {
		try {
			Choice again = request.decision().decide(before);
			return again.runs(ImageReference.parse(running));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	// the Deployment as changed is the rollout's first check: an instant rollout costs no
	// read
	private DeploymentOutcome awaitRollout(UpdateRequest request, ManagedContainer container, ImageReference image,
			String digest, Deployment changed) {
		Target target = request.target();
		// an outage is waited out within the budget: the checks start again once it
		// answers
		RolloutResult result = this.calls.waitOut(
				() -> this.watcher.await(target.namespace(), target.deployment(), target.rollout(), changed),
				RolloutResult::unchecked);
		this.metrics.rollout(result.duration(), result.succeeded());
		report(target, result.last());
		if (result.succeeded()) {
			return this.outcomes.updated(request, container.image(), image, digest);
		}
		if (!target.rollout().rollbackOnFailure()) {
			return this.outcomes.failed(request, container.image(), image.toString(), result.reason(), null, digest);
		}
		String rollback = rollBack(request, container, image.toString());
		return this.outcomes.failed(request, container.image(), image.toString(),
				result.reason() + ((rollback == null) ? "; rolled back to " + container.image() : rollback),
				rollback == null, digest);
	}

	private void report(Target target, Deployment seen) {
		if (seen != null) {
			this.state.report(target, seen);
		}
	}

	// null once rolled back, else why not
	private String rollBack(UpdateRequest request, ManagedContainer container, String failed) {
		try {
			Target target = request.target();
			report(target, this.patcher.rollBack(target.namespace(), target.deployment(), container.index(),
					container.name(), failed, container.image()));
			return null;
		}
		catch (HandlingAbandonedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.warn(request.ref().key() + ": rollback to " + container.image() + " failed: " + ex.getMessage());
			return "; rollback to " + container.image() + " failed: "
					+ ((ex instanceof ImageConflictException) ? ex.getMessage() : ClusterCalls.reason(ex));
		}
	}

}
