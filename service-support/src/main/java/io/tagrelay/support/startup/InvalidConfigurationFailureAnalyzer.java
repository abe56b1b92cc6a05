package io.tagrelay.support.startup;

import io.tagrelay.model.InvalidInputException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A configuration that binds but is refused as a whole (two targets of one container,
 * {@code UK_REPO} without {@code UK_DEPLOYMENT}, no ingest token) stops start-up with the
 * model's message, which names the keys, instead of a stack trace. Binding failures of
 * one key are left to Spring Boot's own analysis, which names the property.
 */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidInputException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidInputException cause) {
		if (findCause(rootFailure, BindException.class) != null) {
			return null;
		}
		return new FailureAnalysis("Invalid tagrelay configuration: " + cause.getMessage(),
				"Update your application's configuration (README.md, Configuration).", cause);
	}

}
