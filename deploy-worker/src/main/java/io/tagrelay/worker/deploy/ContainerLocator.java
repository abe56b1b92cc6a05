package io.tagrelay.worker.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tagrelay.model.image.ImageReference;
import io.tagrelay.model.target.Target;
import io.tagrelay.worker.patch.RolledBack;

/**
 * Finds the containers a target manages in a Deployment: the named one, or every
 * container whose image is from the target's repository. A container from another
 * repository (a sidecar) is never managed, even when it is named.
 */
public final class ContainerLocator {

	private ContainerLocator() {
	}

	/**
	 * The containers a target manages in a Deployment.
	 * @param deployment the Deployment
	 * @param target the target
	 * @return the containers, in the order of the pod template
	 */
	public static List<ManagedContainer> managed(Deployment deployment, Target target) {
		List<ManagedContainer> found = new ArrayList<>();
		List<Container> containers = containers(deployment);
		for (int i = 0; i < containers.size(); i++) {
			Container container = containers.get(i);
			boolean named = target.container() == null || target.container().equals(container.getName());
			if (named && isFrom(container.getImage(), target)) {
				found.add(new ManagedContainer(i, container.getName(), container.getImage(),
						RolledBack.of(deployment, container.getName()).orElse(null)));
			}
		}
		return found;
	}

	static Optional<ManagedContainer> named(Deployment deployment, Target target, String name) {
		return managed(deployment, target).stream().filter((c) -> c.name().equals(name)).findFirst();
	}

	static String whyNotFound(Deployment deployment, Target target, String name) {
		Optional<Container> container = containers(deployment).stream()
			.filter((c) -> c.getName().equals(name))
			.findFirst();
		String where = deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
		return container
			.map((c) -> "container '" + name + "' of " + where + " runs " + c.getImage() + ", which is not from "
					+ target.repository())
			.orElse("container '" + name + "' not found in " + where);
	}

	private static boolean isFrom(String image, Target target) {
		try {
			return image != null && ImageReference.parse(image).isFrom(target.repositoryReference());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static List<Container> containers(Deployment deployment) {
		if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
				|| deployment.getSpec().getTemplate().getSpec() == null
				|| deployment.getSpec().getTemplate().getSpec().getContainers() == null) {
			return List.of();
		}
		return deployment.getSpec().getTemplate().getSpec().getContainers();
	}

}
