/**
 * Who is asking: the client whose credential a request presented (a configured client,
 * the global tokens' {@code default}, or a source's own proof), what it may trigger, and
 * how often.
 */
package io.tagrelay.ingest.client;
