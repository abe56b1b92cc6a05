package io.tagrelay.ingest.config;

/**
 * Whether {@code GET /info} answers: {@code tagrelay.ingest.info.enabled} or
 * {@code UK_INFO}; off by default.
 *
 * @param enabled true if either is set
 */
public record InfoSwitch(boolean enabled) {
}
