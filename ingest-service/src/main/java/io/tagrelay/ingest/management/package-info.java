/**
 * The management port: actuator (probes, Prometheus) there, never on the public port.
 */
package io.tagrelay.ingest.management;
