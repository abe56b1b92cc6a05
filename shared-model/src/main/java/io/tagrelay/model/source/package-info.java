/**
 * The registries' notifications, each read into the same {@link Pushed} form the ingest
 * turns into {@code RegistryPush} events: {@link SourceParsers#of(Source)} gives each
 * source's parser, and {@link StrictJson} is the one way they all read JSON.
 */
package io.tagrelay.model.source;
