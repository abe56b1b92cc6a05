package io.tagrelay.ingest.source;

/**
 * The body of a 200 to an authenticated notification with nothing to deploy: nothing was
 * enqueued.
 *
 * @param reason why, e.g. {@code "pull events are not pushes"}
 */
record Ignored(String reason) {
}
