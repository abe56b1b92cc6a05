package io.tagrelay.support.targets;

import java.util.List;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.target.Target;
import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The configured targets, {@code tagrelay.targets[n]}: the one binding of them, so that
 * both services accept and refuse exactly the same targets. Each target validates itself
 * (repository, namespace, Deployment and container names); this record adds what the
 * Spring-free model cannot check, the semver range.
 *
 * @param targets the targets, possibly none
 */
@ConfigurationProperties("tagrelay")
@Validated
public record TargetsProperties(List<@Valid Target> targets) {

	public TargetsProperties {
		targets = (targets == null) ? List.of() : List.copyOf(targets);
		for (int i = 0; i < targets.size(); i++) {
			requireRange(targets.get(i).tagPolicy().range(), "tagrelay.targets[" + i + "].tag-policy.range");
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
