package io.tagrelay.support.health;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class CachedHealthIndicatorTests {

	private final AtomicLong now = new AtomicLong();

	@Test
	void keepsAnUpAnswerForFiveSeconds() {
		Dependency dependency = new Dependency(this.now, List.of(Health.up().build(), Health.down().build()));

		assertThat(dependency.health().getStatus()).isEqualTo(Status.UP);
		this.now.addAndGet(CachedHealthIndicator.CACHE.toNanos());
		assertThat(dependency.health().getStatus()).isEqualTo(Status.UP);
		assertThat(dependency.checks).isEqualTo(1);

		this.now.addAndGet(1);
		assertThat(dependency.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(dependency.checks).isEqualTo(2);
	}

	@Test
	void asksAgainAtOnceAfterADownAnswer() {
		Dependency dependency = new Dependency(this.now, List.of(Health.down().build(), Health.up().build()));

		assertThat(dependency.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(dependency.health().getStatus()).isEqualTo(Status.UP);
		assertThat(dependency.checks).isEqualTo(2);
	}

	@Test
	void forgetsAnUpAnswerOnceTheDependencyIsDown() {
		Dependency dependency = new Dependency(this.now,
				List.of(Health.up().build(), Health.down().build(), Health.up().build()));
		dependency.health();
		this.now.addAndGet(CachedHealthIndicator.CACHE.toNanos() + 1);

		assertThat(dependency.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(dependency.health().getStatus()).isEqualTo(Status.UP);
		assertThat(dependency.checks).isEqualTo(3);
	}

	@Test
	void checksAsTheContextStartsSoThatTheFirstProbeFindsTheAnswer() throws Exception {
		Dependency dependency = new Dependency(this.now, List.of(Health.up().build(), Health.down().build()));

		dependency.start();

		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> dependency.checks() == 1);
		assertThat(dependency.health().getStatus()).isEqualTo(Status.UP);
		assertThat(dependency.checks()).isEqualTo(1);
	}

	private static final class Dependency extends CachedHealthIndicator {

		private final Deque<Health> answers;

		private volatile int checks;

		Dependency(AtomicLong now, List<Health> answers) {
			super(now::get);
			this.answers = new ArrayDeque<>(answers);
		}

		int checks() {
			return this.checks;
		}

		@Override
		protected Health check() {
			this.checks++;
			return this.answers.pop();
		}

	}

}
