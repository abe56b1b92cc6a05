/**
 * The registries' notifications, each read into the same {@link Pushed} form the ingest
 * turns into {@code RegistryPush} events.
 */
package io.tagrelay.model.source;
