package io.tagrelay.ingest.results;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.model.Secret;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.TargetRef;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OutcomeWaitersTests {

	static final TargetRef WEB = new TargetRef("demo", "web", "web");

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final OutcomeWaiters waiters = new OutcomeWaiters(properties(2), this.meters);

	@Test
	void refusesAWaiterBeyondTheCapWith503AndRetryAfter() {
		this.waiters.register("evt_1", WEB);
		this.waiters.register("evt_2", WEB);

		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> this.waiters.register("evt_3", WEB))
			.satisfies((problem) -> {
				assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
				assertThat(problem.getBody().getDetail()).contains("GET /events/{eventId}");
			});
		assertThat(waiting()).isEqualTo(2);
	}

	@Test
	void aWaiterThatEndsFreesItsPlace() {
		CompletableFuture<DeploymentOutcome> first = this.waiters.register("evt_1", WEB);
		this.waiters.register("evt_2", WEB);

		first.cancel(false);

		assertThat(this.waiters.register("evt_3", WEB)).isNotDone();
		assertThat(waiting()).isEqualTo(2);
	}

	@Test
	void endingAWaiterTwiceFreesOnePlace() {
		CompletableFuture<DeploymentOutcome> first = this.waiters.register("evt_1", WEB);

		first.cancel(false);
		first.cancel(false);
		first.complete(null);

		assertThat(waiting()).isZero();
	}

	private double waiting() {
		return Objects.requireNonNull(this.meters.find("tagrelay.ingest.waiters").gauge()).value();
	}

	private static IngestProperties properties(int maxWaiters) {
		return new IngestProperties(List.of(new Secret("t")), null, null, DataSize.ofKilobytes(64),
				Duration.ofSeconds(5), Duration.ofSeconds(50), Duration.ofMinutes(5), maxWaiters, null);
	}

}
