package io.tagrelay.model.source;

import java.util.EnumMap;
import java.util.Map;

/**
 * The parser of each source's notifications.
 */
public final class SourceParsers {

	private static final Map<Source, SourceParser> PARSERS = parsers();

	private SourceParsers() {
	}

	/**
	 * The parser of a source's notifications.
	 * @param source the source
	 * @return its parser, which is thread-safe
	 */
	public static SourceParser of(Source source) {
		return PARSERS.get(source);
	}

	private static Map<Source, SourceParser> parsers() {
		Map<Source, SourceParser> parsers = new EnumMap<>(Source.class);
		for (Source source : Source.values()) {
			parsers.put(source, create(source));
		}
		return parsers;
	}

	private static SourceParser create(Source source) {
		return switch (source) {
			case QUAY -> new QuaySourceParser();
			case DOCKERHUB -> new DockerHubParser();
			case HARBOR -> new HarborParser();
			case GITHUB -> new GitHubParser();
			case DISTRIBUTION -> new DistributionParser();
			case ACR -> new AcrParser();
			case ARTIFACT_REGISTRY -> new ArtifactRegistryParser();
			case ECR -> new EcrParser();
			case GENERIC -> new GenericParser();
		};
	}

}
