package io.tagrelay.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tagrelay.local.LocalStack;
import io.tagrelay.testing.cluster.SimulatedCluster;

/**
 * Repositories and the Deployments that follow them in the sandbox: repository
 * {@code quay.io/tagrelay/<name>} updates Deployment {@code demo/<name>}, container
 * {@code <name>}, which starts on tag {@code 1.0.0}.
 */
final class Fleet {

	private final List<String> names;

	Fleet(List<String> names) {
		this.names = List.copyOf(names);
	}

	List<String> names() {
		return this.names;
	}

	static String repository(String name) {
		return "quay.io/tagrelay/" + name;
	}

	static String image(String name, String tag) {
		return repository(name) + ":" + tag;
	}

	/**
	 * Adds every Deployment but {@code demo/web}, which the sandbox already has.
	 * @param sandbox the sandbox API
	 */
	void deployTo(SimulatedCluster sandbox) {
		this.names.stream()
			.filter((name) -> !name.equals(LocalStack.DEPLOYMENT))
			.forEach((name) -> sandbox.createDeployment(LocalStack.NAMESPACE, name, image(name, "1.0.0")));
	}

	/**
	 * Every image each Deployment had, as the sandbox API server stored them.
	 * @param sandbox the sandbox API
	 * @return the images by name, oldest first
	 */
	Map<String, List<String>> histories(SimulatedCluster sandbox) {
		Map<String, List<String>> histories = new LinkedHashMap<>();
		this.names.forEach((name) -> histories.put(name, sandbox.history().of(LocalStack.NAMESPACE, name)));
		return histories;
	}

	/**
	 * The targets, as both services read them.
	 * @param perTarget further {@code key=value} settings of every target, e.g.
	 * {@code rollout.initial-interval=20ms}
	 * @return {@code --tagrelay.targets[n].*} arguments
	 */
	List<String> targetProperties(String... perTarget) {
		List<String> args = new ArrayList<>();
		for (int n = 0; n < this.names.size(); n++) {
			String name = this.names.get(n);
			String prefix = "--tagrelay.targets[" + n + "].";
			args.add(prefix + "repository=" + repository(name));
			args.add(prefix + "namespace=" + LocalStack.NAMESPACE);
			args.add(prefix + "deployment=" + name);
			args.add(prefix + "container=" + name);
			// made-up repositories, in no registry
			args.add(prefix + "registry.verify=off");
			for (String setting : perTarget) {
				args.add(prefix + setting);
			}
		}
		return args;
	}

}
