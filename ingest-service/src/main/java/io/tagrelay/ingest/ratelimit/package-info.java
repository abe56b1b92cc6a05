/**
 * How often a caller may ask: each client within its rate, and each address within a few
 * failed authentications, both answered 429 with {@code Retry-After} beyond.
 */
package io.tagrelay.ingest.ratelimit;
