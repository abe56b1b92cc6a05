package io.tagrelay.worker.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.EventIds;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BatchDeployServiceTests {

	private final Fanout repositories = new Fanout("repository-", 4);

	@AfterEach
	void stopThreads() {
		this.repositories.destroy();
	}

	@Test
	void collapsesThePushesOfOneRepositoryAcrossThoseOfAnother() {
		List<DeployEvent> poll = List.of(push("quay.io/acme/a", "1.0.1"), push("quay.io/acme/b", "2.0.0"),
				push("quay.io/acme/a", "1.0.2"), push("quay.io/acme/b", "2.0.1"));

		assertThat(BatchDeployService.runs(poll)).containsExactly(List.of(0, 2), List.of(1, 3));
	}

	@Test
	void appliesThePushesBeforeAnImageRequestBeforeItAndThoseAfterItAfterIt() {
		List<DeployEvent> poll = List.of(push("quay.io/acme/a", "1.0.1"), push("quay.io/acme/b", "2.0.0"),
				push("quay.io/acme/a", "1.0.2"), request("quay.io/acme/a:0.9.0"), push("quay.io/acme/a", "1.0.3"));

		assertThat(BatchDeployService.runs(poll)).containsExactly(List.of(0, 2), List.of(3), List.of(1), List.of(4));
	}

	@Test
	void keepsEveryEventOfAPollExactlyOnce() {
		List<DeployEvent> poll = List.of(request("quay.io/acme/a:0.9.0"), request("quay.io/acme/a:0.9.1"),
				push("quay.io/acme/a", "1.0.0"));

		assertThat(BatchDeployService.runs(poll)).containsExactly(List.of(0), List.of(1), List.of(2));
	}

	/**
	 * The image request of repository a fails (its read got 403): the push of b before it
	 * in the poll, which the request's run came before, is still applied and is not
	 * blamed; the push of a after it is held back to keep a's order.
	 */
	@Test
	void namesTheEventThatFailedAndHoldsBackOnlyTheLaterEventsOfItsRepository() {
		List<DeployEvent> poll = List.of(push("quay.io/acme/b", "2.0.0"), request("quay.io/acme/a:0.9.0"),
				push("quay.io/acme/a", "1.0.0"), push("quay.io/acme/c", "3.0.0"));
		List<String> applied = Collections.synchronizedList(new ArrayList<>());
		BatchDeployService service = new BatchDeployService(new PushHandler(null, null, null, null, null, null, null) {
			@Override
			void apply(List<RegistryPush> pushes) {
				applied.add(pushes.get(0).repository());
			}
		}, new ImageRequests(null, null, null, null) {
			@Override
			DeploymentOutcome apply(ImageRequest request) {
				throw new IllegalStateException("403 reading demo/a");
			}
		}, fresh(), this.repositories);

		assertThatExceptionOfType(EventsFailedException.class).isThrownBy(() -> service.apply(poll)).satisfies((ex) -> {
			assertThat(ex.failed()).containsExactly(1);
			assertThat(ex.unhandled()).containsExactly(1, 2);
			assertThat(ex).hasMessage("403 reading demo/a");
		});
		assertThat(applied).containsExactlyInAnyOrder("quay.io/acme/b", "quay.io/acme/c");
	}

	/**
	 * Each of a and b waits for the other to have started: applied one after the other,
	 * the first would wait for ever.
	 */
	@Test
	void appliesTheEventsOfDifferentRepositoriesSideBySide() {
		CyclicBarrier both = new CyclicBarrier(2);
		List<String> applied = Collections.synchronizedList(new ArrayList<>());
		BatchDeployService service = new BatchDeployService(new PushHandler(null, null, null, null, null, null, null) {
			@Override
			void apply(List<RegistryPush> pushes) {
				try {
					both.await(10, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException("applied one repository after the other", ex);
				}
				applied.add(pushes.stream().map((push) -> push.tags().get(0)).toList().toString());
			}
		}, new ImageRequests(null, null, null, null), fresh(), this.repositories);

		service.apply(List.of(push("quay.io/acme/a", "1.0.1"), push("quay.io/acme/b", "2.0.0"),
				push("quay.io/acme/a", "1.0.2")));

		assertThat(applied).containsExactlyInAnyOrder("[1.0.1, 1.0.2]", "[2.0.0]");
	}

	/**
	 * b's push and a's image request both fail, b's finishing first: the poll's earliest
	 * failure, a's request, is the one named, and each repository holds back its own.
	 */
	@Test
	void namesThePollsEarliestFailureWhenSeveralRepositoriesFail() {
		List<DeployEvent> poll = List.of(request("quay.io/acme/a:0.9.0"), push("quay.io/acme/b", "2.0.0"),
				push("quay.io/acme/a", "1.0.0"), push("quay.io/acme/c", "3.0.0"), push("quay.io/acme/b", "2.0.1"));
		CountDownLatch bFailed = new CountDownLatch(1);
		BatchDeployService service = new BatchDeployService(new PushHandler(null, null, null, null, null, null, null) {
			@Override
			void apply(List<RegistryPush> pushes) {
				if (pushes.get(0).repository().endsWith("/b")) {
					bFailed.countDown();
					throw new IllegalStateException("503 reading demo/b");
				}
			}
		}, new ImageRequests(null, null, null, null) {
			@Override
			DeploymentOutcome apply(ImageRequest request) {
				try {
					bFailed.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new IllegalStateException("403 reading demo/a");
			}
		}, fresh(), this.repositories);

		assertThatExceptionOfType(EventsFailedException.class).isThrownBy(() -> service.apply(poll)).satisfies((ex) -> {
			assertThat(ex.failed()).containsExactly(0);
			assertThat(ex.unhandled()).containsExactly(0, 1, 2, 4);
			assertThat(ex).hasMessage("403 reading demo/a");
		});
	}

	@Test
	void appliesOnlyTheLatestOfSeveralImageRequestsForOneContainerAndSkipsTheOthersAsSuperseded() {
		ImageRequest first = request("quay.io/acme/a:0.9.0");
		ImageRequest other = new ImageRequest(EventIds.next(), new TargetRef("demo", "b", "b"), "quay.io/acme/a:0.8.0",
				Instant.now());
		ImageRequest second = request("quay.io/acme/a:0.9.1");
		ImageRequest latest = request("quay.io/acme/a:0.9.2");
		List<String> applied = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		BatchDeployService service = new BatchDeployService(new PushHandler(null, null, null, null, null, null, null),
				new ImageRequests(null, null, null, null) {
					@Override
					DeploymentOutcome apply(ImageRequest request) {
						applied.add(request.image());
						return null;
					}

					@Override
					DeploymentOutcome supersede(ImageRequest request, ImageRequest later) {
						skipped.add(request.image() + " by " + later.image());
						return null;
					}
				}, fresh(), this.repositories);

		service.apply(List.of(first, other, second, latest));

		assertThat(applied).containsExactly("quay.io/acme/a:0.8.0", "quay.io/acme/a:0.9.2");
		assertThat(skipped).containsExactly("quay.io/acme/a:0.9.0 by quay.io/acme/a:0.9.2",
				"quay.io/acme/a:0.9.1 by quay.io/acme/a:0.9.2");
	}

	private static StaleEvents fresh() {
		return new StaleEvents(Duration.ofHours(1), null, null, Clock.systemUTC());
	}

	private static RegistryPush push(String repository, String tag) {
		return new RegistryPush(EventIds.next(), repository, List.of(tag), "quay", Instant.now());
	}

	private static ImageRequest request(String image) {
		return new ImageRequest(EventIds.next(), new TargetRef("demo", "a", "a"), image, Instant.now());
	}

}
