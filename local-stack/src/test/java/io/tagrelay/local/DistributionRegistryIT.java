package io.tagrelay.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.tagrelay.testing.registry.DistributionRegistry;
import io.tagrelay.testing.registry.PushedImage;
import io.tagrelay.testing.registry.RegistryTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real registry path, without Docker: Debian's {@code docker-registry} (CNCF
 * Distribution) announces every push to the ingest's {@code POST /webhooks/distribution}
 * with the {@code Authorization} header of its {@code notifications} configuration, and a
 * small OCI image pushed with skopeo moves the Deployment of the target that follows the
 * repository; a registry that sends another token is refused (401) and retries. The local
 * stack runs the rest (broker, sandbox API, both services). Without the registry's tools,
 * skipped, or failed in CI.
 */
class DistributionRegistryIT {

	/** The token the ingest accepts on its Distribution endpoint only. */
	private static final String REGISTRY_TOKEN = "registry-it-token";

	private static final String DEPLOYMENT = "shop";

	@TempDir
	static Path stateDir;

	static DistributionRegistry registry;

	static LocalStack stack;

	static String repository;

	/** Why the tests cannot run here, if they cannot. */
	static Optional<String> unavailable;

	@BeforeAll
	static void start() throws Exception {
		unavailable = RegistryTool.unavailable();
		if (unavailable.isPresent()) {
			return;
		}
		// the registry is told where the ingest will listen before the ingest starts: the
		// ingest's targets need the registry's host, which is known once it runs
		int ingestPort = freePort();
		registry = DistributionRegistry.builder()
			.notify(URI.create("http://127.0.0.1:" + ingestPort + "/webhooks/distribution"), "Bearer " + REGISTRY_TOKEN)
			.start();
		repository = registry.host() + "/acme/web";
		stack = new LocalStack(LocalStackOptions.parse("--ingest-port=" + ingestPort, "--worker-port=0",
				"--receiver-port=0", "--dir=" + stateDir, "--tagrelay.targets[0].repository=" + repository,
				"--tagrelay.targets[0].namespace=" + LocalStack.NAMESPACE,
				"--tagrelay.targets[0].deployment=" + DEPLOYMENT, "--tagrelay.targets[0].container=" + DEPLOYMENT,
				"--tagrelay.targets[0].rollout.initial-interval=250ms",
				// the worker asks this same registry whether the tag is there before it
				// patches (plain HTTP, anonymous)
				"--tagrelay.targets[0].registry.verify=required", "--tagrelay.registries[0].host=" + registry.host(),
				"--tagrelay.registries[0].insecure=true",
				"--tagrelay.ingest.sources.distribution.tokens=" + REGISTRY_TOKEN,
				// every Distribution push is one of this host's: a second registry's as
				// well,
				// so that only its token tells the two apart
				"--tagrelay.ingest.sources.distribution.registry-host=" + registry.host()))
			.start();
		stack.sandbox().createDeployment(LocalStack.NAMESPACE, DEPLOYMENT, repository + ":1.0.0");
	}

	// each test, not the class, so that a skip is counted and shows its reason
	@BeforeEach
	void tools() {
		unavailable.ifPresent(Assumptions::abort);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
		if (registry != null) {
			registry.close();
		}
	}

	@Test
	void aSkopeoPushToTheRegistryMovesTheDeploymentOfTheTargetThatFollowsTheRepository() {
		PushedImage pushed = registry.push("acme/web", "1.1.0");

		assertThat(pushed.reference()).isEqualTo(repository + ":1.1.0");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(image())
				.as("the image of %s/%s; the registry's log:%n%s", LocalStack.NAMESPACE, DEPLOYMENT, registry.log())
				.isEqualTo(repository + ":1.1.0"));
		assertThat(registry.log()).as("every notification the registry sent was accepted").doesNotContain("unaccepted");
	}

	@Test
	void refusesTheNotificationsOfARegistryThatSendsAnotherTokenEvenForTheFollowedRepository() {
		try (DistributionRegistry stranger = DistributionRegistry.builder()
			.notify(URI.create("http://127.0.0.1:" + stack.ingestPort() + "/webhooks/distribution"), "Bearer guessed")
			.start()) {
			stranger.push("acme/web", "9.0.0");

			// Distribution retries a refused notification until it is accepted, and its
			// log says why
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(stranger.log()).contains("response status 401"));
			assertThat(image()).doesNotEndWith(":9.0.0");
		}
	}

	private static String image() {
		return stack.sandbox().image(LocalStack.NAMESPACE, DEPLOYMENT, DEPLOYMENT);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
