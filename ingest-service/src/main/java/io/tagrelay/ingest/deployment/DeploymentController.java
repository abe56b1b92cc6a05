package io.tagrelay.ingest.deployment;

import java.time.Instant;
import java.util.List;

import io.tagrelay.ingest.accept.Acceptance;
import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.state.TargetStateView;
import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.TargetRef;
import io.tagrelay.model.event.TargetState;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * kube-update-api's endpoints, for configured targets only: {@code GET} answers from the
 * state the worker publishes; {@code POST} enqueues an image request for an image of the
 * target's own repository, if the caller's client may set images on the target (and,
 * unless it may downgrade, the image is not older than the running one), and with
 * {@code ?wait=true} answers when the rollout ended.
 */
@RestController
@RequestMapping("/deployment/{namespace}/{deployment}/{container}")
class DeploymentController {

	private final Targets targets;

	private final TargetStateView states;

	private final Acceptance acceptance;

	private final RolloutWaiter waiter;

	private final Downgrades downgrades;

	DeploymentController(Targets targets, TargetStateView states, Acceptance acceptance, RolloutWaiter waiter) {
		this.targets = targets;
		this.states = states;
		this.acceptance = acceptance;
		this.waiter = waiter;
		this.downgrades = new Downgrades(states);
	}

	@GetMapping
	DeploymentView get(@PathVariable String namespace, @PathVariable String deployment,
			@PathVariable String container) {
		TargetRef ref = new TargetRef(namespace, deployment, container);
		requireTarget(ref);
		TargetState state = this.states.find(ref)
			.orElseThrow(() -> Problems.unavailable(
					"state not yet known: the worker has not reported " + ref.key() + " yet", RolloutWaiter.RETRY));
		if (!state.exists()) {
			throw Problems.notFound("the worker found no container " + ref.key() + " in the cluster");
		}
		return DeploymentView.of(ref, state.image());
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
	DeferredResult<? extends ResponseEntity<?>> set(@PathVariable String namespace, @PathVariable String deployment,
			@PathVariable String container, @RequestBody ImageBody body,
			@RequestParam(defaultValue = "false") boolean wait, @RequestParam(required = false) String timeout,
			HttpServletRequest http) {
		TargetRef ref = new TargetRef(namespace, deployment, container);
		Client client = Client.of(http);
		if (!client.setImage()) {
			throw Problems.forbidden("client " + client.name()
					+ " may not set images: its tagrelay.ingest.clients[n].set-image is false");
		}
		Target target = requireTarget(ref);
		if (!client.mayTrigger(target.repository()) || !client.mayMove(target)) {
			throw Problems.forbidden("client " + client.name() + " may not move " + ref.key()
					+ ": outside its tagrelay.ingest.clients[n].repositories or targets");
		}
		if (body.image() == null || body.image().isBlank()) {
			throw Problems.badRequest("Image is required");
		}
		ImageReference image = requireOwnImage(target, body.image());
		if (!client.downgrade()) {
			this.downgrades.requireNotOlder(ref, image, client);
		}
		ImageRequest request = new ImageRequest(EventIds.next(), ref, body.image(), Instant.now(), client.name());
		if (wait) {
			return this.waiter.publishAndWait(client, request, timeout);
		}
		return this.acceptance.acceptAll(client, List.of(request));
	}

	private Target requireTarget(TargetRef ref) {
		return this.targets.find(ref.namespace(), ref.deployment(), ref.container())
			.orElseThrow(() -> Problems.notFound(ref.key() + " is not a configured target"));
	}

	private static ImageReference requireOwnImage(Target target, String image) {
		try {
			return target.requireOwnImage(image);
		}
		catch (InvalidInputException ex) {
			throw Problems.unprocessable(ex.getMessage());
		}
	}

}
