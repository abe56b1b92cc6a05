package io.tagrelay.ingest.config;

import java.util.List;

import io.tagrelay.model.target.Target;
import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The configured targets, {@code tagrelay.targets[n]}.
 *
 * @param targets the targets, possibly none
 */
@ConfigurationProperties("tagrelay")
@Validated
record TargetsProperties(List<@Valid Target> targets) {

	TargetsProperties {
		targets = (targets == null) ? List.of() : List.copyOf(targets);
	}

}
