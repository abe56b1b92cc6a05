package io.tagrelay.model.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tagrelay.model.InvalidInputException;

/**
 * The configured targets, and the updatekate target when its variables are set, indexed
 * by repository and by Deployment: every push and every update looks its targets up, so
 * that a lookup among 500 targets costs one map read, not a scan of them all.
 */
public final class Targets {

	private final List<Target> all;

	private final Map<String, List<Target>> byRepository;

	private final Map<String, List<Target>> byDeployment;

	/**
	 * Combines the configured targets with the updatekate one.
	 * @param configured {@code tagrelay.targets}, may be null
	 * @param updatekate the target of the {@code UK_*} variables, if set
	 */
	public Targets(List<Target> configured, Optional<Target> updatekate) {
		List<Target> targets = new ArrayList<>(configured == null ? List.of() : configured);
		updatekate.ifPresent(targets::add);
		for (int i = 0; i < targets.size(); i++) {
			for (int j = i + 1; j < targets.size(); j++) {
				if (overlap(targets.get(i), targets.get(j))) {
					throw new InvalidInputException("tagrelay.targets[" + j + "] manages the same container as "
							+ "tagrelay.targets[" + i + "]");
				}
			}
		}
		this.all = List.copyOf(targets);
		this.byRepository = index(this.all, Target::repository);
		this.byDeployment = index(this.all, (target) -> deploymentKey(target.namespace(), target.deployment()));
	}

	private static Map<String, List<Target>> index(List<Target> targets, Function<Target, String> key) {
		return targets.stream()
			.collect(Collectors.collectingAndThen(Collectors.groupingBy(key, Collectors.toUnmodifiableList()),
					Map::copyOf));
	}

	private static String deploymentKey(String namespace, String deployment) {
		return namespace + "/" + deployment;
	}

	private static boolean overlap(Target a, Target b) {
		return a.namespace().equals(b.namespace()) && a.deployment().equals(b.deployment())
				&& (a.container() == null || b.container() == null || a.container().equals(b.container()));
	}

	/**
	 * Every target.
	 * @return the targets
	 */
	public List<Target> all() {
		return this.all;
	}

	/**
	 * The targets that follow a repository.
	 * @param repository a canonical repository
	 * @return the targets, possibly none
	 */
	public List<Target> forRepository(String repository) {
		return this.byRepository.getOrDefault(repository, List.of());
	}

	/**
	 * The target that manages a container.
	 * @param namespace a namespace
	 * @param deployment a Deployment
	 * @param container a container
	 * @return the target, if one is configured
	 */
	public Optional<Target> find(String namespace, String deployment, String container) {
		return this.byDeployment.getOrDefault(deploymentKey(namespace, deployment), List.of())
			.stream()
			.filter((target) -> target.covers(namespace, deployment, container))
			.findFirst();
	}

	/**
	 * Whether no target is configured.
	 * @return true if empty
	 */
	public boolean isEmpty() {
		return this.all.isEmpty();
	}

}
