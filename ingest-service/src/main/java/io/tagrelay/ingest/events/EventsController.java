package io.tagrelay.ingest.events;

import java.time.Duration;

import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.model.event.EventIds;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /events/{eventId}}: 200 with the event's status and outcomes so far, from
 * memory; 404 when the event is not known (never accepted, or forgotten after
 * {@code tagrelay.ingest.events.retention}). A pending answer is never stored by a cache;
 * a done one no longer changes and may be kept by the caller.
 */
@RestController
class EventsController {

	private static final CacheControl DONE = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();

	private final EventIndex index;

	private final ExpectedOutcomes expected;

	EventsController(EventIndex index, ExpectedOutcomes expected) {
		this.index = index;
		this.expected = expected;
	}

	@GetMapping(EventLocation.PATH)
	ResponseEntity<EventStatus> status(@PathVariable String eventId) {
		EventIds.require(eventId);
		Remembered known = this.index.find(eventId).orElseThrow(() -> unknown(eventId));
		boolean done = known.done() || this.expected.allArrived(known);
		if (done && !known.done()) {
			// a container added to the Deployment later must not make it pending again
			this.index.markDone(eventId);
		}
		return ResponseEntity.ok().cacheControl(done ? DONE : CacheControl.noStore()).body(EventStatus.of(known, done));
	}

	private static ErrorResponseException unknown(String eventId) {
		ErrorResponseException problem = Problems.notFound(
				"no event " + eventId + " is known: it was never accepted, or it is older than this ingest remembers");
		problem.getHeaders().setCacheControl(CacheControl.noStore());
		return problem;
	}

}
