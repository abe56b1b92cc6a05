package io.tagrelay.ingest.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIndexTests {

	static final TargetRef WEB = new TargetRef("demo", "web", "web");

	// moved by the tests
	Instant now = Instant.parse("2025-01-01T10:00:00Z");

	final EventIndex index = new EventIndex(new EventsProperties(Duration.ofHours(1), 3), new Clock() {

		@Override
		public Instant instant() {
			return EventIndexTests.this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	});

	@Test
	void remembersAnEventAndItsOutcomesWhicheverArrivesFirst() {
		RegistryPush push = push();
		this.index.outcome(outcome(push.eventId(), WEB));
		this.index.accepted(push);

		Remembered known = this.index.find(push.eventId()).orElseThrow();
		assertThat(known.event()).isEqualTo(push);
		assertThat(known.outcomes()).extracting(DeploymentOutcome::target).containsExactly(WEB);
	}

	@Test
	void keepsTheLastOutcomeOfAContainerWhenAnEventIsHandledTwice() {
		RegistryPush push = push();
		this.index.accepted(push);
		this.index.outcome(outcome(push.eventId(), WEB));
		DeploymentOutcome again = outcome(push.eventId(), WEB);
		this.index.outcome(again);

		assertThat(this.index.find(push.eventId()).orElseThrow().outcomes()).containsExactly(again);
	}

	@Test
	void forgetsAnEventARetentionAfterItLastChanged() {
		RegistryPush push = push();
		this.index.accepted(push);
		this.now = this.now.plus(Duration.ofMinutes(50));
		this.index.outcome(outcome(push.eventId(), WEB));

		this.now = this.now.plus(Duration.ofMinutes(59));
		assertThat(this.index.find(push.eventId())).isPresent();
		this.now = this.now.plus(Duration.ofMinutes(2));
		assertThat(this.index.find(push.eventId())).isEmpty();
	}

	@Test
	void forgetsTheLeastRecentlyChangedBeyondItsCapacity() {
		List<RegistryPush> pushes = List.of(push(), push(), push(), push());
		pushes.forEach(this.index::accepted);
		this.index.outcome(outcome(pushes.get(0).eventId(), WEB));
		this.index.accepted(push());

		assertThat(pushes).filteredOn((push) -> this.index.find(push.eventId()).isPresent())
			.containsExactly(pushes.get(0), pushes.get(3));
	}

	private RegistryPush push() {
		return new RegistryPush(EventIds.next(), "quay.io/acme/web", List.of("1.1.0"), "quay", this.now);
	}

	private DeploymentOutcome outcome(String eventId, TargetRef target) {
		return new DeploymentOutcome(eventId, Result.UPDATED, target, "quay.io/acme/web", "quay.io/acme/web:1.0.0",
				"quay.io/acme/web:1.1.0", "1.1.0", null, null, this.now, this.now, this.now);
	}

}
