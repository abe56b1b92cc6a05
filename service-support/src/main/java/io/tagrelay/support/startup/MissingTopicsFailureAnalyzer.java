package io.tagrelay.support.startup;

import java.util.stream.Collectors;

import io.tagrelay.support.kafka.MissingTopicsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A Kafka topic the service needs is missing and may not be created: start-up stops
 * naming the topic and why, instead of with a stack trace.
 */
class MissingTopicsFailureAnalyzer extends AbstractFailureAnalyzer<MissingTopicsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingTopicsException cause) {
		String topics = cause.reasons()
			.entrySet()
			.stream()
			.map((topic) -> "  - Kafka topic '" + topic.getKey() + "' " + topic.getValue())
			.sorted()
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis("Kafka topics this service needs are missing:\n" + topics,
				"Have an administrator create them (docs/contracts.md lists tagrelay's topics; the state topic is "
						+ "compacted), or let tagrelay create them: tagrelay.kafka.create-topics=true (the default) "
						+ "and a Kafka principal allowed to create topics.",
				cause);
	}

}
