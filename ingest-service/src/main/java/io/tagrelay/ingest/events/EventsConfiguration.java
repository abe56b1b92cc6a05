package io.tagrelay.ingest.events;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code tagrelay.ingest.events.*} and makes the index of recent events.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

	@Bean
	EventIndex eventIndex(EventsProperties properties) {
		return new EventIndex(properties, Clock.systemUTC());
	}

}
