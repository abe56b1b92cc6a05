/**
 * {@code GET /events/{eventId}}: what became of a recent event, pending or done, from
 * what this replica remembers of the events and results topics, so that a CI step can
 * poll where a load balancer cuts a long {@code ?wait=true}.
 */
package io.tagrelay.ingest.events;
