package io.tagrelay.ingest.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tagrelay.ingest.accept.Acceptance;
import io.tagrelay.ingest.client.Client;
import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.source.Announcement;
import io.tagrelay.model.source.Pushed;
import io.tagrelay.model.source.Source;
import io.tagrelay.model.source.SourceParsers;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Every registry's webhook ({@code POST /webhooks/<source>}, Quay's also at updatekate's
 * {@code POST /webhook}), read by its source's parser: each push to a repository a target
 * follows is enqueued as a {@link RegistryPush}, answered 202 once Kafka acknowledged all
 * of them, with the client that sent it and, for a client scoped to some targets, the
 * Deployments of its scope; pushes of other repositories, or outside the client's scope,
 * are dropped, and 403 if none is left. A notification with nothing to deploy is answered
 * 200 with the reason, never 4xx, since registries disable a webhook that fails a few
 * times.
 */
@RestController
class WebhookController {

	private static final Log logger = LogFactory.getLog(WebhookController.class);

	private final WebhookSources sources;

	private final Targets targets;

	private final Acceptance acceptance;

	WebhookController(WebhookSources sources, Targets targets, Acceptance acceptance) {
		this.sources = sources;
		this.targets = targets;
		this.acceptance = acceptance;
	}

	@PostMapping(path = { "/webhook", "/webhooks/{source}", "/webhooks/dockerhub/{token}" },
			consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
	DeferredResult<ResponseEntity<?>> receive(HttpServletRequest request, @RequestBody byte[] body) {
		Source source = source(request);
		Announcement announcement = SourceParsers.of(source).parse(body, request::getHeader);
		if (announcement instanceof Announcement.Nothing nothing) {
			DeferredResult<ResponseEntity<?>> ignored = new DeferredResult<>();
			ignored.setResult(ResponseEntity.ok(new Ignored(nothing.reason())));
			return ignored;
		}
		Client client = Client.of(request);
		return this.acceptance.acceptAll(client, events(source, client, ((Announcement.Pushes) announcement).pushes()));
	}

	private Source source(HttpServletRequest request) {
		WebhookPath path = WebhookPath.of(request);
		if (path == null) {
			throw Problems.notFound("no webhook here: POST /webhooks/<source>, the source one of " + ids());
		}
		String whyOff = this.sources.whyOff(path.source());
		if (whyOff != null) {
			throw Problems.notFound("the " + path.source().id() + " webhook is off: " + whyOff);
		}
		return path.source();
	}

	private List<RegistryPush> events(Source source, Client client, List<Pushed> pushes) {
		Instant now = Instant.now();
		List<RegistryPush> events = new ArrayList<>();
		List<String> unfollowed = new ArrayList<>();
		List<String> outOfScope = new ArrayList<>();
		for (Pushed pushed : pushes) {
			String repository = this.sources.repository(source, pushed.repository());
			List<Target> following = this.targets.forRepository(repository);
			List<String> movable = movable(client, following);
			if (following.isEmpty()) {
				unfollowed.add(repository);
			}
			else if (!client.mayTrigger(repository) || movable.isEmpty()) {
				outOfScope.add(repository);
			}
			else {
				events.add(new RegistryPush(EventIds.next(), repository, pushed.tags(), source.id(), now,
						pushed.digest(), client.name(), client.scopedToDeployments() ? movable : null));
			}
		}
		if (events.isEmpty()) {
			throw outOfScope.isEmpty() ? unfollowed(unfollowed) : outOfScope(client, outOfScope);
		}
		if (!unfollowed.isEmpty() || !outOfScope.isEmpty()) {
			logger.info("Dropped the pushes of " + unfollowed + outOfScope + " from a " + source.id()
					+ " notification by client " + client.name() + ": no target follows them, or none of the "
					+ "client's scope");
		}
		return events;
	}

	private static List<String> movable(Client client, List<Target> following) {
		return following.stream()
			.filter(client::mayMove)
			.map((target) -> target.namespace() + "/" + target.deployment())
			.distinct()
			.toList();
	}

	private static ErrorResponseException unfollowed(List<String> unfollowed) {
		return Problems
			.forbidden((unfollowed.size() == 1) ? "repository " + unfollowed.get(0) + " is not configured as a target"
					: "no repository of " + unfollowed + " is configured as a target");
	}

	private static ErrorResponseException outOfScope(Client client, List<String> repositories) {
		return Problems.forbidden("client " + client.name() + " may not trigger "
				+ ((repositories.size() == 1) ? "repository " + repositories.get(0) : "any of " + repositories)
				+ ": outside its tagrelay.ingest.clients[n].repositories or targets");
	}

	private static List<String> ids() {
		return Arrays.stream(Source.values()).map(Source::id).toList();
	}

}
