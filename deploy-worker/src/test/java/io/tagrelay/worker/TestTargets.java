package io.tagrelay.worker;

import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The targets of the worker's system tests: each a Deployment of namespace {@code demo}
 * whose rollout is polled every 10 to 50 ms, up to 200 times, and whose tags are not
 * looked up in the registry (their repositories are made up) unless the test registers
 * its own {@code registry.verify}.
 */
public final class TestTargets {

	private TestTargets() {
	}

	/**
	 * Registers a target; a later registration of one of its keys overrides it.
	 * @param registry the test's property registry (Boot binds a list from one source)
	 * @param index its index in {@code tagrelay.targets}
	 * @param repository the repository it follows
	 * @param deployment the Deployment
	 * @param container the container, or {@code null} for every one of the repository
	 * @param webhook the URL of its webhook
	 */
	public static void register(DynamicPropertyRegistry registry, int index, String repository, String deployment,
			String container, Supplier<Object> webhook) {
		String prefix = "tagrelay.targets[" + index + "].";
		registry.add(prefix + "repository", () -> repository);
		registry.add(prefix + "namespace", () -> "demo");
		registry.add(prefix + "deployment", () -> deployment);
		if (container != null) {
			registry.add(prefix + "container", () -> container);
		}
		registry.add(prefix + "rollout.max-attempts", () -> "200");
		registry.add(prefix + "rollout.initial-interval", () -> "10ms");
		registry.add(prefix + "rollout.max-interval", () -> "50ms");
		registry.add(prefix + "webhook.url", webhook);
		registry.add(prefix + "registry.verify", () -> "off");
	}

}
