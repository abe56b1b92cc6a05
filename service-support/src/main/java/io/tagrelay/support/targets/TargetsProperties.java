package io.tagrelay.support.targets;

import java.nio.file.Path;
import java.util.List;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.target.Target;
import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The lists directly under {@code tagrelay}: the configured targets,
 * {@code tagrelay.targets[n]}, the one binding of them, so that both services accept and
 * refuse exactly the same targets; and the registries the worker signs in to,
 * {@code tagrelay.registries[n]} and {@code tagrelay.registries-docker-config} (bound
 * here with the targets: one record binds the keys of the {@code tagrelay} prefix
 * itself). Each target validates itself (repository, namespace, Deployment and container
 * names); this record adds what the Spring-free model cannot check, the semver range, and
 * checks each registry names one way of signing in.
 *
 * @param targets the targets, possibly none
 * @param registries how the worker signs in to registries, possibly none: a registry
 * configured nowhere is asked anonymously, over HTTPS
 * @param registriesDockerConfig a Docker config JSON (the {@code .dockerconfigjson} of a
 * {@code kubernetes.io/dockerconfigjson} Secret), whose {@code auths} apply to every
 * registry they name that {@code registries} does not; or {@code null}
 */
@ConfigurationProperties("tagrelay")
@Validated
public record TargetsProperties(List<@Valid Target> targets, List<@Valid RegistryAccess> registries,
		Path registriesDockerConfig) {

	public TargetsProperties {
		targets = (targets == null) ? List.of() : List.copyOf(targets);
		for (int i = 0; i < targets.size(); i++) {
			requireRange(targets.get(i).tagPolicy().range(), "tagrelay.targets[" + i + "].tag-policy.range");
		}
		registries = (registries == null) ? List.of() : List.copyOf(registries);
		for (int i = 0; i < registries.size(); i++) {
			registries.get(i).check("tagrelay.registries[" + i + "]");
		}
	}

	// refused at start-up: a typo read as a range that matches nothing would silently
	// mean "never update"
	private static void requireRange(String range, String key) {
		try {
			TagRange.parse(range, false);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(key + ": " + ex.getMessage());
		}
	}

}
