/**
 * What the ingest's servlet filters share: their one order, and the refusal of a request
 * with a problem before any controller sees it.
 */
package io.tagrelay.ingest.filter;
