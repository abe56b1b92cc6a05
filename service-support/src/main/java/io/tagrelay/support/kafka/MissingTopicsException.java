package io.tagrelay.support.kafka;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Topics a service needs are missing and may not be created: creation is switched off
 * ({@code tagrelay.kafka.create-topics=false}) or the broker refused it. Stops start-up
 * (see {@code MissingTopicsFailureAnalyzer}).
 */
public class MissingTopicsException extends RuntimeException {

	private final Map<String, String> reasons;

	/**
	 * Creates the exception.
	 * @param reasons why each topic is missing, by topic
	 */
	public MissingTopicsException(Map<String, String> reasons) {
		super(reasons.entrySet()
			.stream()
			.map((topic) -> "Kafka topic '" + topic.getKey() + "' " + topic.getValue())
			.collect(Collectors.joining("; ")));
		this.reasons = Map.copyOf(reasons);
	}

	/**
	 * Why each topic is missing.
	 * @return the reasons, by topic
	 */
	public Map<String, String> reasons() {
		return this.reasons;
	}

}
