package io.tagrelay.worker.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScanPushesTests {

	static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	@Test
	void offersTheVersionsNewestFirstAsAScanOfTheTargetsThatScan() {
		ScannedRepository repository = scanned(target("web", Duration.ofMinutes(5), false));

		RegistryPush push = ScanPushes
			.of(repository, List.of("1.2.0", "latest", "1.10.0", "sha-abc123", "1.9.0-rc.1"), List.of(), NOW)
			.orElseThrow();

		assertThat(push.tags()).containsExactly("1.10.0", "1.9.0-rc.1", "1.2.0");
		assertThat(push.repository()).isEqualTo("quay.io/acme/web");
		assertThat(push.source()).isEqualTo("scan");
		assertThat(push.client()).isEqualTo("scan");
		assertThat(push.fromScan()).isTrue();
		assertThat(push.receivedAt()).isEqualTo(NOW);
		assertThat(push.deployments()).containsExactly("demo/web");
	}

	@Test
	void offersTheRunningTagOfATargetTrackingItsDigestFirst() {
		ScannedRepository repository = scanned(target("web", Duration.ofMinutes(1), true));

		RegistryPush push = ScanPushes.of(repository, List.of("1.2.0", "latest", "main"), List.of("latest"), NOW)
			.orElseThrow();

		assertThat(push.tags()).containsExactly("latest", "1.2.0");
	}

	@Test
	void leavesOutARunningTagTheRegistryNoLongerLists() {
		ScannedRepository repository = scanned(target("web", Duration.ofMinutes(1), true));

		assertThat(ScanPushes.of(repository, List.of("main"), List.of("latest"), NOW)).isEmpty();
	}

	@Test
	void publishesNothingWhenNoListedTagCanBeActedOn() {
		ScannedRepository repository = scanned(target("web", Duration.ofMinutes(1), false));

		assertThat(ScanPushes.of(repository, List.of("latest", "main", "sha-1"), List.of(), NOW)).isEmpty();
		assertThat(ScanPushes.of(repository, List.of(), List.of(), NOW)).isEmpty();
	}

	@Test
	void offersAtMostAPushsTagsTheNewestOfThem() {
		ScannedRepository repository = scanned(target("web", Duration.ofMinutes(1), false));
		List<String> listed = IntStream.range(0, 1500).mapToObj((i) -> "1." + i + ".0").toList();

		RegistryPush push = ScanPushes.of(repository, listed, List.of(), NOW).orElseThrow();

		assertThat(push.tags()).hasSize(RegistryPush.MAX_TAGS).startsWith("1.1499.0").endsWith("1.500.0");
	}

	@Test
	void scansARepositoryOnceAtTheShortestIntervalOfItsTargets() {
		Targets targets = new Targets(
				List.of(target("web", Duration.ofMinutes(5), false), target("web-canary", Duration.ofMinutes(1), false),
						target("web-manual", null, false), Target.of("quay.io/acme/api", "demo", "api", null)),
				Optional.empty());

		assertThat(ScannedRepository.of(targets)).singleElement().satisfies((repository) -> {
			assertThat(repository.repository()).isEqualTo("quay.io/acme/web");
			assertThat(repository.interval()).isEqualTo(Duration.ofMinutes(1));
			assertThat(repository.deployments()).containsExactly("demo/web", "demo/web-canary");
		});
	}

	private static ScannedRepository scanned(Target target) {
		return ScannedRepository.of(new Targets(List.of(target), Optional.empty())).get(0);
	}

	private static Target target(String deployment, Duration scanInterval, boolean trackDigest) {
		return new Target("quay.io/acme/web", "demo", deployment, null, null, null, null, null, false, trackDigest,
				scanInterval);
	}

}
