package io.tagrelay.worker.registry;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.RegistryPolicy;
import io.tagrelay.model.target.RegistryPolicy.Verification;
import io.tagrelay.model.target.Target;
import io.tagrelay.support.targets.RegistryAccess;
import io.tagrelay.worker.RecordingScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TagVerifierTests {

	// a required lookup waits 100 ms for a registry out of reach, asking every 10 ms (the
	// client's own retries do not wait: their scheduler runs them at once)
	static final RegistryClientProperties PROPERTIES = new RegistryClientProperties(Duration.ofSeconds(5),
			Duration.ofSeconds(5), new RegistryClientProperties.Retry(4, Duration.ofMillis(1), 1.0,
					Duration.ofMillis(10), Duration.ofMillis(10)),
			Duration.ofMillis(100), 1000, 100);

	final TestRegistry registry = TestRegistry.start();

	final RecordingScheduler scheduler = new RecordingScheduler();

	final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

	final TagVerifier verifier = new TagVerifier(new RegistryClient(
			new RegistryHosts(List.of(new RegistryAccess(this.registry.host(), null, null, null, null, true)), null),
			RegistryClientTests.PROPERTIES, this.scheduler, new MovableClock()), PROPERTIES, this.metrics);

	@AfterEach
	void stop() {
		this.registry.close();
		this.scheduler.shutdownNow();
	}

	@Test
	void appliesATagTheRegistryHasWithItsDigest() {
		String digest = this.registry.push("acme/web", "1.2.0");
		Verdict verdict = this.verifier.verify(target(Verification.REQUIRED, true), image("1.2.0"));

		assertThat(verdict).isEqualTo(new Verdict(true, digest, null));
		assertThat(verdict.image(image("1.2.0"), true)).hasToString(image("1.2.0") + "@" + digest);
		assertThat(verdict.image(image("1.2.0"), false)).isEqualTo(image("1.2.0"));
	}

	@Test
	void neverAppliesATagTheRegistryDoesNotHave() {
		for (Verification verification : List.of(Verification.REQUIRED, Verification.BEST_EFFORT)) {
			Verdict verdict = this.verifier.verify(target(verification, false), image("999.0.0"));
			assertThat(verdict.applies()).isFalse();
			assertThat(verdict.reason()).isEqualTo("tag 999.0.0 is not in the registry (" + this.registry.host()
					+ " has no manifest " + image("999.0.0") + "): nothing was deployed");
		}
		assertThat(this.metrics.counter("tagrelay.registry.lookups", "result", "missing").count()).isEqualTo(2);
	}

	@Test
	void appliesAnUnverifiedTagOnlyWhenBestEffortAndCountsIt() {
		this.registry.push("acme/web", "1.2.0");
		this.registry.fail(503, null, 1000);

		Verdict required = this.verifier.verify(target(Verification.REQUIRED, false), image("1.2.0"));
		assertThat(required.applies()).isFalse();
		assertThat(required.reason()).isEqualTo("tag 1.2.0 could not be verified (" + this.registry.host()
				+ " answered 503 (after 4 attempts)) and registry.verify is required: nothing was deployed");

		Verdict bestEffort = this.verifier.verify(target(Verification.BEST_EFFORT, true), image("1.2.0"));
		assertThat(bestEffort.applies()).isTrue();
		assertThat(bestEffort.digest()).isNull();
		assertThat(bestEffort.image(image("1.2.0"), true)).isEqualTo(image("1.2.0"));
		assertThat(this.metrics.counter("tagrelay.registry.unverified", "registry", this.registry.host()).count())
			.isEqualTo(1);
	}

	@Test
	void waitsOutAShortOutageWhenRequired() {
		String digest = this.registry.push("acme/web", "1.2.0");
		this.registry.fail(503, null, 6);

		assertThat(this.verifier.verify(target(Verification.REQUIRED, false), image("1.2.0")))
			.isEqualTo(new Verdict(true, digest, null));
		assertThat(this.registry.requests()).hasSize(7);
	}

	@Test
	void refusesAtOnceWhenTheRegistryRefusesTheCredentials() {
		this.registry.requireBasic("relay", "pw").push("acme/web", "1.2.0");

		Verdict verdict = this.verifier.verify(target(Verification.REQUIRED, false), image("1.2.0"));
		assertThat(verdict.applies()).isFalse();
		assertThat(verdict.reason()).contains("refused anonymous access (401)");
		assertThat(this.registry.requests()).hasSize(1);
	}

	@Test
	void asksNothingWhenVerificationIsOff() {
		assertThat(this.verifier.verify(target(Verification.OFF, false), image("999.0.0")))
			.isEqualTo(new Verdict(true, null, null));
		assertThat(this.registry.requests()).isEmpty();
	}

	private Target target(Verification verification, boolean pinDigest) {
		return new Target(this.registry.host() + "/acme/web", "demo", "web", null, null, null, null,
				new RegistryPolicy(verification), pinDigest, false, null);
	}

	private ImageReference image(String tag) {
		return ImageReference.parse(this.registry.host() + "/acme/web:" + tag);
	}

}
