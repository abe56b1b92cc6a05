package io.tagrelay.worker.scan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;

/**
 * A repository the worker scans, for the targets that ask for it.
 *
 * @param repository the canonical repository
 * @param interval the shortest {@code scan-interval} of its targets
 * @param targets the targets following it with a {@code scan-interval}
 */
record ScannedRepository(String repository, Duration interval, List<Target> targets) {

	/**
	 * The repositories to scan, each once at the shortest interval its targets ask for.
	 * @param targets the configured targets
	 * @return the repositories, in the order of their first target
	 */
	static List<ScannedRepository> of(Targets targets) {
		Map<String, List<Target>> byRepository = new LinkedHashMap<>();
		targets.all()
			.stream()
			.filter(Target::scans)
			.forEach((target) -> byRepository.computeIfAbsent(target.repository(), (r) -> new ArrayList<>())
				.add(target));
		return byRepository.entrySet()
			.stream()
			.map((entry) -> new ScannedRepository(entry.getKey(),
					entry.getValue().stream().map(Target::scanInterval).min(Comparator.naturalOrder()).orElseThrow(),
					List.copyOf(entry.getValue())))
			.toList();
	}

	/**
	 * The Deployments a scan may move: those of the targets that scan.
	 * @return {@code namespace/deployment} of each
	 */
	List<String> deployments() {
		return this.targets.stream()
			.map((target) -> target.namespace() + "/" + target.deployment())
			.distinct()
			.toList();
	}

}
