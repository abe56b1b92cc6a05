/**
 * How the ingest answers a request whose event Kafka must acknowledge first: the body of
 * a 202, and the asynchronous answer that keeps servlet threads free while it waits.
 */
package io.tagrelay.ingest.accept;
