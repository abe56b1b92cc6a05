package io.tagrelay.ingest.webhook;

import java.time.Instant;

import io.tagrelay.ingest.accept.Acceptance;
import io.tagrelay.ingest.accept.Accepted;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.quay.QuayPayloadParser;
import io.tagrelay.model.quay.QuayPush;
import io.tagrelay.model.target.Targets;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Quay's {@code repo_push} notification (updatekate's {@code POST /webhook}): a push to a
 * configured repository is enqueued, and answered 202 once Kafka acknowledged it.
 */
@RestController
class WebhookController {

	private final QuayPayloadParser parser = new QuayPayloadParser();

	private final Targets targets;

	private final Acceptance acceptance;

	WebhookController(Targets targets, Acceptance acceptance) {
		this.targets = targets;
		this.acceptance = acceptance;
	}

	@PostMapping(path = { "/webhook", "/webhooks/quay" },
			consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
	DeferredResult<ResponseEntity<Accepted>> push(@RequestBody byte[] body) {
		QuayPush push = this.parser.parse(body);
		if (this.targets.forRepository(push.repository()).isEmpty()) {
			throw Problems.forbidden("repository " + push.repository() + " is not configured as a target");
		}
		RegistryPush event = new RegistryPush(EventIds.next(), push.repository(), push.tags(), "quay", Instant.now());
		return this.acceptance.accept(event);
	}

}
